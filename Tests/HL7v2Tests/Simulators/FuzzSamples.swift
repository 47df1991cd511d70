import Transports

@testable import HL7v2

/// Synthetic inputs for the fuzz-only fault tests: the fault-free monitor's report with one
/// edit, and acknowledgements in the harness's style with one field chosen.
enum FuzzSamples {
    static let monitor = HL7MonitorSimulator(seed: 31)

    /// The conformant report `index`: what an ordinary suite sends.
    static func valid(_ index: Int = 0) -> [UInt8] {
        monitor.message(index: index)
    }

    /// The conformant report `index` after `edit`.
    static func report(_ index: Int = 0, _ edit: (inout MessageDraft) -> Void) -> [UInt8] {
        var draft = monitor.draft(index: index)
        edit(&draft)
        return draft.encoded()
    }

    /// The report with OBX-5 of the model-number observation (the second OBX, type ST) written as `raw`.
    static func modelNumber(_ raw: String, index: Int = 0) -> [UInt8] {
        report(index) { draft in
            guard let position = draft.index(of: "OBX", occurrence: HL7MonitorSimulator.Row.modelNumber) else { return }
            draft.segments[position].setRaw(5, Array(raw.utf8))
        }
    }

    /// The report with MSH-2 declared as `encodingCharacters`.
    static func declaring(_ encodingCharacters: String, index: Int = 0) -> [UInt8] {
        report(index) { $0.set("MSH", 2, encodingCharacters) }
    }

    /// The report with PID-3 repeated `count` times.
    static func patientIDs(_ count: Int, index: Int = 0) -> [UInt8] {
        report(index) { draft in
            draft.set("PID", 3, (1...count).map { "98765432101234\($0 % 10)\($0 % 10)^^^EXAMPLE-NID^NI" }.joined(separator: "~"))
        }
    }

    /// The report with a note (NTE-3) of `bytes` bytes, letters in components of at most
    /// 1,000 bytes, so that only the message's size is unusual.
    static func withNote(bytes: Int, index: Int = 0) -> [UInt8] {
        let note = (0..<max(0, bytes)).map { $0 % 1001 == 1000 ? UInt8(ascii: "^") : UInt8(ascii: "N") }
        return report(index) { draft in
            var nte = SegmentDraft("NTE", ["1", ""])
            nte.setRaw(3, note)
            draft.segments.append(nte)
        }
    }

    /// The report `index`, padded with a note to exactly `size` bytes.
    static func sized(_ size: Int, index: Int = 0) -> [UInt8] {
        let base = withNote(bytes: 0, index: index).count
        return withNote(bytes: size - base, index: index)
    }

    /// An acknowledgement of `payload` as the harness writes it, with MSH-2, MSA-1, MSA-3 and
    /// an optional ERR-8 chosen.
    static func ack(for payload: [UInt8], encodingCharacters: String = "^~\\&", code: String = "AA",
                    msa3: String = "", err8: String? = nil) -> [UInt8] {
        let control = (try? HL7Message.parse(payload))?["MSH-10"] ?? ""
        var text = "MSH|\(encodingCharacters)|TEST-RECEIVER||||20261121090000+0000||ACK^R01^ACK|T-\(control)|P|2.6\r"
            + "MSA|\(code)|\(control)|\(msa3)\r"
        if let err8 { text += "ERR||||E||||\(err8)\r" }
        return Array(text.utf8)
    }
}
