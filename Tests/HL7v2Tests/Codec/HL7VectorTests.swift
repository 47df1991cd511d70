import Testing
import Transports

@testable import HL7v2

/// The public PCD-01 vectors in the shared folder (see its README for their sources).
@Suite("HL7 v2 public vectors", .enabled(if: Vectors.isAvailable, "shared/vectors/hl7v2 not found: vector tests skipped"))
struct HL7VectorTests {
    struct Expectation: Sendable, CustomTestStringConvertible {
        var file: String
        var segmentIDs: [String]
        var values: [(String, String)]
        var testDescription: String { file }
    }

    static let expectations: [Expectation] = [
        Expectation(
            file: "pcd01_ack_aa_ipf.hl7", segmentIDs: ["MSH", "MSA"],
            values: [
                ("MSH-9", "ACK^R01^ACK"), ("MSH-9.3", "ACK"), ("MSH-10", "AMSGID1234"), ("MSH-12", "2.6"),
                ("MSH-21.3", "2.16.840.1.113883.9.n.m"), ("MSA-1", "AA"), ("MSA-2", "MSGID1234"),
            ]),
        Expectation(
            file: "pcd01_ack_ce_err_ipf.hl7", segmentIDs: ["MSH", "MSA", "ERR"],
            values: [
                ("MSA-1", "CE"), ("MSA-2", "20070701132554000008"), ("ERR-3", "100"), ("ERR-4", "E"),
                ("ERR-7", "Missing required OBR segment"),
            ]),
        Expectation(
            file: "pcd01_bp_hapi_negative_withdrawn_pid13.hl7",
            segmentIDs: ["MSH", "PID", "OBR", "OBX", "OBX", "OBX", "OBX", "OBX", "OBX", "OBX"],
            values: [
                ("MSH-3.2", "ACDE48234567ABCD"), ("MSH-3.3", "EUI-64"), ("MSH-9.1", "ORU"), ("PID-3.4", "Imaginary Hospital"),
                ("PID-13", "0123456789"), ("OBX-3.2", "MDC_TIME_SYNC_PROTOCOL"),
            ]),
        Expectation(
            file: "pcd01_bp_ipf_request.hl7", segmentIDs: ["MSH", "PID", "OBR", "OBX", "OBX", "OBX", "OBX", "OBX"],
            values: [
                ("MSH-1", "|"), ("MSH-2", #"^~\&"#), ("MSH-7", "20090713090030+0500"), ("MSH-9.1", "ORU"),
                ("MSH-9.2", "R01"), ("MSH-9.3", "ORU_R01"), ("MSH-10", "MSGID1234"), ("MSH-11", "P"),
                ("MSH-15", "NE"), ("MSH-16", "AL"), ("MSH-21.1", "IHE PCD ORU-R01 2006"),
                ("MSH-21.3", "1.3.6.1.4.1.19376.1.6.1.1.1"), ("PID-3.5", "PI"), ("OBR-4.2", "MDC_DEV_SPEC_PROFILE_BP"),
                ("OBX-18.2", "EUI-64"),
            ]),
        Expectation(
            file: "pcd01_monitor_ipf_request2.hl7",
            segmentIDs: ["MSH", "PID", "PV1", "OBR"] + Array(repeating: "OBX", count: 9),
            values: [
                ("MSH-10", "12d15a9:11df9e61347:-7fee:30456965"), ("MSH-18", "8859/1"), ("PV1-2", "E"),
                ("PV1-3.1", "3 WEST ICU"), ("PV1-3.3", "1"), ("OBX-6", "/min^/min^UCUM"), ("OBX-6.3", "UCUM"),
            ]),
    ]

    @Test("every .hl7 vector parses and encodes back byte for byte")
    func allVectorsRoundTrip() throws {
        let files = Vectors.files(withExtension: "hl7")
        #expect(files.count >= 5)
        for (name, bytes) in files {
            let message = try HL7Message.parse(bytes)
            #expect(message.encoded() == bytes, "\(name)")
            #expect(message.delimiters == .standard, "\(name)")
            let crlf = Array(String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\r", with: "\r\n").utf8)
            let lf = Array(String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\r", with: "\n").utf8)
            #expect(try HL7Message.parse(crlf) == message, "\(name) CRLF")
            #expect(try HL7Message.parse(lf) == message, "\(name) LF")
        }
    }

    @Test("vector values read through paths", arguments: expectations)
    func values(_ e: Expectation) throws {
        let bytes = try #require(Vectors.bytes(e.file))
        let message = try HL7Message.parse(bytes)
        #expect(message.segments.map(\.id) == e.segmentIDs)
        for (path, value) in e.values {
            #expect(message[path] == value, "\(path)")
        }
    }

    @Test("OBX rows of the blood-pressure vector")
    func observations() throws {
        let message = try HL7Message.parse(try #require(Vectors.bytes("pcd01_bp_ipf_request.hl7")))
        let rows = message.segments(named: "OBX").map { obx in
            [obx.field(1).text, obx.field(3).component(1).text, obx.field(5).text, obx.field(6).component(2).text]
        }
        #expect(
            rows == [
                ["1", "528391", "", ""], ["2", "150020", "", ""], ["3", "150021", "120", "MDC_DIM_MMHG"],
                ["4", "150022", "80", "MDC_DIM_MMHG"], ["5", "150023", "100", "MDC_DIM_MMHG"],
            ])
        #expect(message.first("OBX")?.fieldCount == 18)
    }

    @Test("the .mllp vector deframes to the .hl7 vector, whole and byte by byte")
    func mllpVector() throws {
        let framed = try #require(Vectors.bytes("pcd01_bp_ipf_request.mllp"))
        let plain = try #require(Vectors.bytes("pcd01_bp_ipf_request.hl7"))
        var whole = MLLPFrameDecoder()
        whole.feed(framed)
        #expect(whole.next() == .frame(plain))
        #expect(whole.next() == nil)
        #expect(whole.finish() == nil)

        var drip = MLLPFrameDecoder()
        var events: [MLLPFrameEvent] = []
        for byte in framed {
            drip.feed(CollectionOfOne(byte))
            while let event = drip.next() { events.append(event) }
        }
        while let event = drip.finish() { events.append(event) }
        #expect(events == [.frame(plain)])

        let chunks = HL7FileSplitter.split(framed)
        #expect(chunks == [HL7FileChunk(bytes: plain, offset: 1, line: 1, framing: .mllp)])
        let message = try HL7Message.parse(chunks[0].bytes)
        #expect(message["MSH-10"] == "MSGID1234")
        #expect(MLLP.frame(message.encoded()) == framed)
    }

    @Test("all vectors concatenated in one file split back into the vectors")
    func concatenated() throws {
        let files = Vectors.files(withExtension: "hl7")
        let file = files.flatMap(\.bytes)
        let chunks = HL7FileSplitter.split(file)
        #expect(chunks.map(\.bytes) == files.map(\.bytes))
        var offset = 0
        for (chunk, vector) in zip(chunks, files) {
            #expect(chunk.offset == offset)
            offset += vector.bytes.count
        }
    }
}
