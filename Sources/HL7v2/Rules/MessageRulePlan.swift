/// The message-level rules to run on a message, chosen by its message code.
///
/// A rule's `messages:` filter depends on MSH-9.1 alone, so which rules admit a code is worked
/// out once, when the rule set is made: one list for each code some filter names, and one for
/// every other code (the rules without a filter). Judging a message then picks a list instead of
/// asking every rule's filter, which was a pointer chase per rule per message.
///
/// The lists hold unmanaged references, so walking one costs no reference counting; `rules`
/// holds the same rules strongly for as long as the plan lives.
struct MessageRulePlan: Sendable {
    private let rules: [CompiledRule]
    private let codes: [[UInt8]]
    /// `lists[i]`: the rules that admit `codes[i]`, in spec order.
    private let lists: [[Unmanaged<CompiledRule>]]
    /// The rules that admit any other code, in spec order.
    private let otherwise: [Unmanaged<CompiledRule>]

    /// Plans `rules`, the message-level rules in spec order.
    init(_ rules: [CompiledRule]) {
        var codes: [[UInt8]] = []
        for rule in rules {
            for code in rule.filter.codes where !codes.contains(code) { codes.append(code) }
        }
        self.rules = rules
        self.codes = codes
        lists = codes.map { code in rules.filter { $0.filter.admits(code[...]) }.map(Unmanaged.passUnretained) }
        otherwise = rules.filter { $0.filter.codes.isEmpty }.map(Unmanaged.passUnretained)
    }

    /// The rules whose filter admits `messageCode`, in spec order; valid while the plan is.
    func rules(for messageCode: ArraySlice<UInt8>) -> [Unmanaged<CompiledRule>] {
        for index in codes.indices where codes[index].elementsEqual(messageCode) { return lists[index] }
        return otherwise
    }
}
