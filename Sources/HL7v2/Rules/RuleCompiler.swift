import MedConformCore

/// Reads each requirement's `check:` strictly and turns it into a ``CompiledRule``.
///
/// Every problem is reported at its position in the spec, and reading goes on so that one
/// pass finds them all. Tables and structures are compiled once, however many checks use them.
struct RuleCompiler {
    let specs: SpecSet
    let collector: DiagnosticCollector
    private var codeTables: [String: MDCCodeTable?] = [:]
    private var unitTables: [String: UnitExpectationTable?] = [:]
    private var grammars: [String: SegmentGrammar?] = [:]

    init(specs: SpecSet, collector: DiagnosticCollector) {
        self.specs = specs
        self.collector = collector
    }

    /// The keys each kind reads besides `rule`.
    static func keys(of kind: HL7RuleKind) -> [String] {
        switch kind {
        case .mllpFraming, .ackReply, .ackEcho, .ackMode, .ackAcceptsValid, .ackRejectsInvalid: []
        case .reporterMessageType: ["expect"]
        case .parse, .escapes, .charset, .obxValue: ["messages"]
        case .value: ["messages", "fields", "equals", "in", "empty"]
        case .structure: ["messages", "structure"]
        case .requiredFields: ["messages", "segment", "fields"]
        case .mdcCoding: ["messages", "field"]
        case .mdcCodeMatch, .units: ["messages", "field", "table"]
        case .pattern: ["messages", "segment", "field", "pattern"]
        case .unique: ["messages", "segment", "field"]
        case .unitDimension: ["messages", "table"]
        case .timestamp: ["messages", "fields", "offset"]
        case .identifier: ["messages", "field", "authority", "pattern"]
        }
    }

    /// The compiled check of `requirement`; nil when it has none or when it is wrong (reported).
    mutating func compile(_ requirement: Requirement) -> CompiledRule? {
        guard let check = requirement.check else { return nil }
        guard check.entries != nil else {
            collector.report(.notAMapping(requirement: requirement.id, found: check.typeName), at: check.location)
            return nil
        }
        guard let ruleNode = check["rule"] else {
            collector.report(.missingRule(requirement: requirement.id), at: check.location)
            return nil
        }
        guard let ruleText = ruleNode.scalar else {
            collector.error("'rule' in the check of requirement '\(requirement.id)' must be a string, found \(ruleNode.typeName)",
                            at: ruleNode.location)
            return nil
        }
        guard let kind = HL7RuleKind(rawValue: ruleText) else {
            collector.report(.unknownRule(ruleText, requirement: requirement.id), at: ruleNode.location)
            return nil
        }
        let errorsBefore = collector.errorCount
        guard let mapping = ConfigMapping(check, context: "check of requirement '\(requirement.id)' (rule \(kind.rawValue))",
                                          keys: ["rule"] + Self.keys(of: kind), collector: collector)
        else { return nil }
        let filter = messageFilter(mapping)
        let compiled = parameters(kind, mapping, requirement)
        guard let compiled, collector.errorCount == errorsBefore else { return nil }
        return CompiledRule(requirement: requirement, kind: kind, filter: filter, check: compiled)
    }

    private mutating func parameters(_ kind: HL7RuleKind, _ mapping: ConfigMapping, _ requirement: Requirement) -> CompiledCheck? {
        switch kind {
        case .parse: return .parse
        case .escapes: return .escapes
        case .charset: return .charset
        case .obxValue: return .obxValue
        case .mllpFraming: return .mllpFraming
        case .ackReply: return .ackReply
        case .ackEcho: return .ackEcho
        case .ackMode: return .ackMode
        case .ackAcceptsValid: return .ackAcceptsValid
        case .ackRejectsInvalid: return .ackRejectsInvalid
        case .reporterMessageType:
            guard let expected = mapping.string("expect", required: true) else { return nil }
            guard Self.isMessageType(expected) else {
                collector.report(.badExpectedType(expected), at: mapping.value("expect")?.location)
                return nil
            }
            return .reporterMessageType(expected: expected)
        case .value:
            return valueCheck(mapping, requirement).map(CompiledCheck.value)
        case .structure:
            guard let name = mapping.string("structure", required: true),
                  let grammar = grammar(name, requirement: requirement, at: mapping.value("structure")?.location)
            else { return nil }
            return .structure(grammar)
        case .requiredFields:
            guard let segment = segmentCode(mapping, "segment"), let fields = fieldNumbers(mapping, "fields") else { return nil }
            return .requiredFields(SegmentFieldsCheck(segment: segment, fields: fields))
        case .mdcCoding:
            return wholeField(mapping, "field", segment: nil).map(CompiledCheck.mdcCoding)
        case .mdcCodeMatch:
            let field = wholeField(mapping, "field", segment: nil)
            let table = codeTable(mapping, requirement)
            guard let field, let table else { return nil }
            return .mdcCodeMatch(field, table)
        case .units:
            let field = wholeField(mapping, "field", segment: "OBX")
            let table = codeTable(mapping, requirement)
            guard let field, let table else { return nil }
            return .units(field, table)
        case .unitDimension:
            guard let name = mapping.string("table", required: true),
                  let table = unitTable(name, requirement: requirement, at: mapping.value("table")?.location)
            else { return nil }
            return .unitDimension(table)
        case .pattern:
            let field = segmentField(mapping)
            let pattern = valuePattern(mapping)
            guard let field, let pattern else { return nil }
            return .pattern(field, pattern)
        case .unique:
            return segmentField(mapping).map(CompiledCheck.unique)
        case .timestamp:
            let fields = paths(mapping, "fields")
            let offset = mapping.choice("offset", ["required", "optional"])
            guard let fields else { return nil }
            return .timestamp(TimestampCheck(fields: fields, offsetRequired: offset == "required"))
        case .identifier:
            let field = wholeField(mapping, "field", segment: nil)
            let authority = mapping.string("authority", required: true)
            let pattern = valuePattern(mapping)
            guard let field, let authority, let pattern else { return nil }
            return .identifier(IdentifierCheck(field: field, authority: Array(authority.utf8), pattern: pattern))
        }
    }

    // MARK: Parameters shared by several kinds

    private func messageFilter(_ mapping: ConfigMapping) -> MessageFilter {
        guard let codes = mapping.stringList("messages") else { return .all }
        var accepted: [[UInt8]] = []
        for (code, location) in codes {
            guard SegmentCodes.pack(code) != nil else {
                collector.report(.badMessageCode(code), at: location)
                continue
            }
            accepted.append(Array(code.utf8))
        }
        return MessageFilter(codes: accepted)
    }

    private func valueCheck(_ mapping: ConfigMapping, _ requirement: Requirement) -> ValueCheck? {
        let fields = paths(mapping, "fields")
        let present = ["equals", "in", "empty"].filter(mapping.contains)
        guard present.count == 1 else {
            collector.report(.conditionCount(requirement: requirement.id, found: present), at: mapping.location)
            return nil
        }
        let condition: ValueCheck.Condition
        switch present[0] {
        case "equals":
            guard let text = mapping.string("equals") else { return nil }
            condition = .equals(Array(text.utf8))
        case "in":
            guard let list = mapping.stringList("in") else { return nil }
            condition = .oneOf(list.map { Array($0.0.utf8) })
        default:
            guard let empty = mapping.boolean("empty") else { return nil }
            guard empty else {
                collector.error("'empty: false' has no meaning; to require a value use a required-fields check, or write 'equals' or 'in'",
                                at: mapping.value("empty")?.location)
                return nil
            }
            condition = .empty
        }
        guard let fields else { return nil }
        return ValueCheck(fields: fields, condition: condition)
    }

    /// A list of HL7 paths (a single path is accepted as a list of one).
    private func paths(_ mapping: ConfigMapping, _ key: String) -> [FieldLocator]? {
        guard let items = mapping.stringList(key) else {
            if mapping.value(key) == nil { collector.error("\(mapping.context) is missing the required key '\(key)'", at: mapping.location) }
            return nil
        }
        var result: [FieldLocator] = []
        var valid = true
        for (text, location) in items {
            guard let path = HL7Path(text), let locator = FieldLocator(path) else {
                collector.report(.badPath(text, key: key), at: location)
                valid = false
                continue
            }
            result.append(locator)
        }
        return valid ? result : nil
    }

    /// One path that names a whole field, optionally of a given segment.
    private func wholeField(_ mapping: ConfigMapping, _ key: String, segment: String?) -> FieldLocator? {
        guard let text = mapping.string(key, required: true) else { return nil }
        let location = mapping.value(key)?.location
        guard let path = HL7Path(text), let locator = FieldLocator(path) else {
            collector.report(.badPath(text, key: key), at: location)
            return nil
        }
        guard path.repetition == nil, path.component == nil else {
            collector.report(.pathNeedsField(text, key: key), at: location)
            return nil
        }
        if let segment, path.segment != segment {
            collector.report(.pathSegmentMismatch(text, expected: segment, key: key), at: location)
            return nil
        }
        return locator
    }

    private func segmentCode(_ mapping: ConfigMapping, _ key: String) -> SegmentCode? {
        guard let text = mapping.string(key, required: true) else { return nil }
        guard let code = SegmentCodes.pack(text) else {
            collector.report(.badSegmentID(text, key: key), at: mapping.value(key)?.location)
            return nil
        }
        return code
    }

    private func segmentField(_ mapping: ConfigMapping) -> SegmentFieldCheck? {
        let segment = segmentCode(mapping, "segment")
        let field = mapping.integer("field", in: 1...999, required: true)
        guard let segment, let field else { return nil }
        return SegmentFieldCheck(segment: segment, field: field)
    }

    private func fieldNumbers(_ mapping: ConfigMapping, _ key: String) -> [Int]? {
        guard let node = mapping.value(key) else {
            collector.error("\(mapping.context) is missing the required key '\(key)'", at: mapping.location)
            return nil
        }
        let items = node.items ?? [node]
        var numbers: [Int] = []
        var valid = true
        for item in items {
            guard let text = item.scalar, let number = Int(text), (1...999).contains(number) else {
                collector.report(.badFieldNumber(item.scalar ?? item.typeName, key: key), at: item.location)
                valid = false
                continue
            }
            numbers.append(number)
        }
        return valid && !numbers.isEmpty ? numbers : nil
    }

    private func valuePattern(_ mapping: ConfigMapping) -> ValuePattern? {
        guard let text = mapping.string("pattern", required: true) else { return nil }
        switch ValuePattern.compile(text) {
        case .success(let pattern):
            return pattern
        case .failure(let error):
            collector.report(.badPattern(text, message: error.message), at: mapping.value("pattern")?.location)
            return nil
        }
    }

    static func isMessageType(_ text: String) -> Bool {
        let parts = text.split(separator: "^", omittingEmptySubsequences: false)
        return (1...2).contains(parts.count) && parts.allSatisfy { SegmentCodes.pack(String($0)) != nil }
    }

    // MARK: Tables and structures, compiled once each

    private var tableNames: [String] {
        var names: [String] = []
        for spec in specs.specs {
            for table in spec.tables where !names.contains(table.key) { names.append(table.key) }
        }
        return names
    }

    private mutating func codeTable(_ mapping: ConfigMapping, _ requirement: Requirement) -> MDCCodeTable? {
        guard let name = mapping.string("table", required: true) else { return nil }
        if let cached = codeTables[name] { return cached }
        guard let entry = specs.table(name) else {
            collector.report(.unknownTable(name, requirement: requirement.id, known: tableNames), at: mapping.value("table")?.location)
            return nil
        }
        let table = MDCCodeTable.read(entry, collector: collector)
        codeTables[name] = .some(table)
        return table
    }

    private mutating func unitTable(_ name: String, requirement: Requirement, at location: SourceLocation?) -> UnitExpectationTable? {
        if let cached = unitTables[name] { return cached }
        guard let entry = specs.table(name) else {
            collector.report(.unknownTable(name, requirement: requirement.id, known: tableNames), at: location)
            return nil
        }
        let table = UnitExpectationTable.read(entry, collector: collector)
        unitTables[name] = .some(table)
        return table
    }

    private mutating func grammar(_ name: String, requirement: Requirement, at location: SourceLocation?) -> SegmentGrammar? {
        if let cached = grammars[name] { return cached }
        guard let entry = specs.structure(name) else {
            var known: [String] = []
            for spec in specs.specs { known += spec.structures.map(\.key) }
            collector.report(.unknownStructure(name, requirement: requirement.id, known: known), at: location)
            return nil
        }
        let grammar = SegmentGrammar.read(entry, collector: collector)
        grammars[name] = .some(grammar)
        return grammar
    }
}
