extension FuzzModel {
    /// The render context for a message whose delimiters were re-declared by `changes` (later
    /// changes to a role win); the model's own context when nothing changes.
    func context(redeclaring changes: [DelimiterChange]) -> RenderContext {
        guard !changes.isEmpty else { return baseContext }
        var table = delimiters
        for change in changes where table.indices.contains(change.role) { table[change.role] = change.bytes }
        guard table != delimiters else { return baseContext }
        let escapes = escaping?.table(delimiters: table) ?? [[UInt8]?](repeating: nil, count: 256)
        var context = RenderContext(delimiters: table, escapeTable: escapes, needsEscape: escapes.map { $0 != nil })
        guard let escaping else { return context }
        func first(_ role: Int, _ table: [[UInt8]]) -> UInt8? { table.indices.contains(role) ? table[role].first : nil }
        context.translatesWire = true
        context.modelEscape = first(escaping.escapeRole, delimiters)
        context.escape = first(escaping.escapeRole, table)
        for rule in escaping.rules {
            if let byte = first(rule.role, delimiters) { context.modelCodes.append((rule.code, byte)) }
        }
        return context
    }

    /// Appends wire `bytes`, written for the model's delimiters, so that they decode to the
    /// same value under `context`'s: an escape sequence for a delimiter becomes that
    /// delimiter's byte, written as data under the new table (escaped only if the new table
    /// claims it); any other sequence (`\X41\`, `\H\`) keeps its code between new escape
    /// bytes; a data byte the new table claims is escaped. A code holding a byte the new
    /// table claims stays as it is (no valid base message has one).
    func appendTranslated(_ bytes: [UInt8], _ context: RenderContext, into out: inout [UInt8]) {
        let count = bytes.count
        var index = 0
        func appendData(_ byte: UInt8) {
            if let sequence = context.escapeTable[Int(byte)] { out += sequence } else { out.append(byte) }
        }
        while index < count {
            let byte = bytes[index]
            if byte == context.modelEscape {
                var close = index + 1
                while close < count, bytes[close] != byte { close += 1 }
                if close < count {
                    let code = bytes[(index + 1)..<close]
                    if let named = context.modelCodes.first(where: { $0.code.elementsEqual(code) }) {
                        appendData(named.byte)
                    } else if let escape = context.escape {
                        out.append(escape)
                        out += code
                        out.append(escape)
                    } else {
                        out += bytes[index...close]
                    }
                    index = close + 1
                    continue
                }
            }
            appendData(byte)
            index += 1
        }
    }
}
