import FuzzCore
import MedConformCore
import Testing

@testable import PHD11073

/// Every enumerated case of every built-in base differs from the base exactly where its
/// operator says: a lie changes only its own length or count and the message decodes up to
/// it; a value change stays inside its field; consistent changes still decode; truncations
/// are prefixes; out-of-state cases are whole other APDUs.
@Suite struct PHDFuzzOperatorTests {
    static let profileDigest: [UInt8] = Array(0..<32)

    /// The indices at which `a` and `b` (equal sizes) differ.
    static func differences(_ a: [UInt8], _ b: [UInt8]) -> [Int] {
        var out: [Int] = []
        for index in a.indices where a[index] != b[index] { out.append(index) }
        return out
    }

    /// The start offsets of the count fields of every SEQUENCE OF enclosing node `id`: a
    /// decoder reports an element that overran its list at the list's count.
    static func enclosingCounts(_ id: Int32, _ model: FuzzModel, _ layout: PHDLayout) -> [Int] {
        let path = model.nodes[Int(id)].indexPath
        var out: [Int] = []
        // A SEQUENCE OF's own length: the decoder reads count and length as one header and
        // reports the pair at the count.
        let own = model.nodes[Int(id)].path
        if own.hasSuffix(".length"), let count = model.nodeID(path: String(own.dropLast(7)) + ".count") {
            out.append(layout.ranges[Int(count)].lowerBound)
        }
        for depth in 0..<path.count {
            let ancestor = model.nodes.first { $0.indexPath == Array(path[0..<depth]) }
            guard let ancestor, ancestor.tag == PHDFuzzTag.list,
                  let count = model.nodeID(path: ancestor.path + ".count") else { continue }
            out.append(layout.ranges[Int(count)].lowerBound)
        }
        return out
    }

    static func decodes(_ bytes: [UInt8]) -> Result<APDU, MDERDecodingError> {
        do { return .success(try APDU.decode(bytes)) } catch { return .failure(error) }
    }

    @Test(arguments: PHDFuzzBase.all.map(\.name))
    func enumeratedCasesChangeOnlyWhatTheirOperatorTargets(_ name: String) throws {
        let fuzz = try PHDFuzzModel(baseNamed: name, profileDigest: Self.profileDigest, seed: 1)
        let model = fuzz.model
        let layout = PHDLayout(model)
        let base = fuzz.validCase
        let others = try PHDFuzzModel.outOfState(for: fuzz.base.apdu)
        var seen: [String] = []
        for n in 0..<fuzz.space.enumeratedCount {
            let built = fuzz.case(index: n)
            try #require(built.anomalies.count == 1)
            let anomaly = built.anomalies[0]
            if !seen.contains(anomaly.operatorName) { seen.append(anomaly.operatorName) }
            let range = layout.ranges[Int(anomaly.target)]
            let bytes = built.bytes
            let where_ = "\(name) case \(n) \(anomaly.operatorName) \(anomaly.path) \(anomaly.mutation)"
            switch anomaly.operatorName {
            case "mder.length.lie", "mder.count.lie":
                #expect(anomaly.lie == anomaly.path, "\(where_)")
                #expect(bytes.count == base.count, "\(where_)")
                #expect(Self.differences(bytes, base).allSatisfy { range.contains($0) }, "\(where_)")
                switch Self.decodes(bytes) {
                case .success:
                    // MDER reads attribute values and obs-val-data as octets: a lie inside
                    // them (a compound value's count, a value map's length) is for the
                    // application layer to find, and the APDU stays well-formed.
                    let insideOctets = anomaly.path.contains("/value/") || anomaly.path.contains("/obs-val-data/")
                    #expect(bytes == base || insideOctets, "a lie decoded: \(where_)")
                case .failure(let error):
                    #expect(bytes != base, "\(where_)")
                    let counts = Self.enclosingCounts(anomaly.target, model, layout)
                    #expect(error.offset >= range.lowerBound || counts.contains(error.offset), "\(error) \(where_)")
                }
            case "mder.choice", "mder.integer", "mder.float32", "mder.sfloat16", "mder.time":
                #expect(bytes.count == base.count, "\(where_)")
                let changed = Self.differences(bytes, base)
                #expect(changed.allSatisfy { range.contains($0) }, "\(where_)")
                if anomaly.operatorName == "mder.choice" { #expect(!changed.isEmpty, "\(where_)") }
                // Measurements and times are opaque to MDER: changing them keeps the APDU valid.
                if ["mder.float32", "mder.sfloat16", "mder.time"].contains(anomaly.operatorName) {
                    #expect((try? APDU.decode(bytes)) != nil, "\(where_)")
                }
            case "mder.octets":
                // Lengths follow the new content: still a well-formed APDU.
                #expect((try? APDU.decode(bytes)) != nil, "\(where_)")
                #expect(Array(bytes[0..<2]) == Array(base[0..<2]), "\(where_)")
            case "mder.repeat":
                #expect(bytes.count > base.count, "\(where_)")
                // Consistent while every length still fits in 16 bits.
                if bytes.count <= 4 + 0xFFFF { #expect((try? APDU.decode(bytes)) != nil, "\(where_)") }
            case "mder.trailing":
                let index = try #require(anomaly.libraryIndex)
                #expect(bytes.count == base.count + PHDFuzzLibrary.trailing[index].count, "\(where_)")
                if model.nodes[Int(anomaly.target)].tag == PHDFuzzTag.apdu {
                    #expect(Array(bytes[0..<base.count]) == base, "\(where_)")
                    #expect((try? APDU.decode(bytes)) == nil, "\(where_)")
                }
            case "mder.truncate":
                #expect(bytes.count < base.count && Array(base[0..<bytes.count]) == bytes, "\(where_)")
                #expect((try? APDU.decode(bytes)) == nil, "\(where_)")
            case "phd.out-of-state":
                #expect(others.contains(bytes) && bytes != base, "\(where_)")
                #expect((try? APDU.decode(bytes)) != nil, "\(where_)")
            default:
                Issue.record("unknown operator \(where_)")
            }
        }
        #expect(seen.contains("mder.length.lie") && seen.contains("mder.truncate") && seen.contains("phd.out-of-state"))
    }

    @Test func everyCutOfTheScanReportIsAFieldBoundaryOrInsideAField() throws {
        let fuzz = try PHDFuzzModel(baseNamed: "to-manager/roiv-scan-report-fixed", profileDigest: Self.profileDigest, seed: 1)
        let layout = PHDLayout(fuzz.model)
        let cuts = layout.cutOffsets(fuzz.model)
        let starts = fuzz.model.nodes.filter(\.isLeaf).map { layout.ranges[Int($0.id)].lowerBound }
        #expect(cuts.first == 0 && cuts.allSatisfy { $0 < layout.byteCount })
        #expect(starts.allSatisfy { cuts.contains($0) })
        #expect(zip(cuts, cuts.dropFirst()).allSatisfy { $0 < $1 })
    }

    @Test func outOfStateSendsAnAARQDuringOperationAndAScanReportInsteadOfAnAARE() throws {
        let scan = try PHDFuzzModel(baseNamed: "to-manager/roiv-scan-report-fixed", profileDigest: Self.profileDigest, seed: 1)
        let aarq = try #require(PHDFuzzBase.named("to-manager/aarq")).apdu.encoded()
        #expect(try PHDFuzzModel.outOfState(for: scan.base.apdu).contains(aarq))
        let aare = try PHDFuzzModel(baseNamed: "to-agent/aare-accepted-unknown-config", profileDigest: Self.profileDigest, seed: 1)
        let report = try #require(PHDFuzzBase.named("to-manager/roiv-scan-report-fixed")).apdu.encoded()
        let cases = (0..<aare.space.enumeratedCount).map { aare.case(index: $0) }.filter { $0.anomalies[0].operatorName == "phd.out-of-state" }
        #expect(cases.contains { $0.bytes == report })
        #expect(cases.allSatisfy { $0.anomalies[0].path == "" })
    }

    @Test func aLengthLieChangesExactlyTheLengthField() throws {
        let fuzz = try PHDFuzzModel(baseNamed: "to-manager/roiv-config-report", profileDigest: Self.profileDigest, seed: 1)
        let target = "apdu/prst/data/roiv/event-info/config/objects[1]/attributes[2]/value.length"
        let id = try #require(fuzz.model.nodeID(path: target))
        let info = fuzz.model.nodes[Int(id)]
        let range = PHDLayout(fuzz.model).ranges[Int(id)]
        let lying = fuzz.model.render(anomalies: [
            Anomaly(target: id, path: target, operatorName: "mder.length.lie", libraryIndex: 2, mutation: .lie(.offset(1)), lie: target),
        ])
        let base = fuzz.validCase
        #expect(Self.differences(lying, base) == [range.upperBound - 1])
        #expect(Int(lying[range.lowerBound]) << 8 | Int(lying[range.lowerBound + 1]) == (Int(info.value[0]) << 8 | Int(info.value[1])) + 1)
        #expect((try? APDU.decode(lying)) == nil)
    }
}
