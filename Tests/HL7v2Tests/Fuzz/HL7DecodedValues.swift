@testable import HL7v2

/// Every value of a message as a receiver reads it: one line per subcomponent (segment ID,
/// field, repetition, component, subcomponent, then the unescaped bytes), MSH-1 and MSH-2
/// left out because they declare the delimiters rather than carry data.
enum HL7DecodedValues {
    static func of(_ message: HL7Message) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        for segment in message.segments {
            let first = segment.isHeader ? 3 : 1
            guard segment.fieldCount >= first else {
                lines.append(Array(segment.id.utf8))
                continue
            }
            for n in first...segment.fieldCount {
                let field = segment.field(n)
                for r in 0..<max(field.repetitionCount, 1) {
                    let repetition = field.repetition(r)
                    for c in 1...max(repetition.componentCount, 1) {
                        let component = repetition.component(c)
                        for s in 1...max(component.subcomponentCount, 1) {
                            let label = "\(segment.id) \(n) \(r) \(c) \(s): "
                            lines.append(Array(label.utf8) + component.subcomponent(s).unescaped().bytes)
                        }
                    }
                }
            }
        }
        return lines
    }
}
