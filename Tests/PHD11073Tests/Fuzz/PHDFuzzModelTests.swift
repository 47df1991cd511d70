import FuzzCore
import MedConformCore
import Testing

@testable import PHD11073

/// The MDER model renders its base byte for byte, names its parts by stable paths, and
/// makes every length and count a relation.
@Suite struct PHDFuzzModelTests {
    static let profileDigest: [UInt8] = Array(0..<32)

    /// The value maps of every configuration among the vectors (handles may collide between
    /// devices; a map that does not fit an observation is not used for it).
    static func vectorValueMaps() -> [ObjectModel] {
        var maps: [ObjectModel] = []
        for (_, bytes) in PHDVectors.all() {
            guard case .presentation(let data)? = try? APDU.decode(bytes),
                  case .eventReport(let argument, _) = data.message, case .config(let report) = argument.info else { continue }
            maps += ObjectModel.withValueMaps(report)
        }
        return maps
    }

    @Test(.enabled(if: PHDVectors.isAvailable, "shared/vectors/ieee11073_20601 not found: vector tests skipped"))
    func everyVectorRendersItsEncoding() throws {
        let vectors = PHDVectors.all()
        #expect(vectors.count >= 30)
        let maps = Self.vectorValueMaps()
        #expect(!maps.isEmpty)
        for (name, bytes) in vectors {
            let apdu = try APDU.decode(bytes)
            for valueMaps in [[], maps] {
                let model = try PHDFuzzModel.model(of: apdu, valueMaps: valueMaps, name: name)
                #expect(model.renderBase() == bytes, "\(name)")
                #expect(model.renderBase() == (try apdu.encoded()), "\(name)")
                #expect(PHDLayout(model).byteCount == bytes.count, "\(name)")
            }
        }
    }

    @Test(.enabled(if: PHDVectors.isAvailable, "shared/vectors/ieee11073_20601 not found: vector tests skipped"))
    func vectorScanReportsGetTypedLeavesFromTheirConfiguration() throws {
        let config = try APDU.decode(try #require(PHDVectors.bytes("H221.hex")))
        guard case .presentation(let data) = config, case .eventReport(let argument, _) = data.message,
              case .config(let report) = argument.info else { Issue.record("H221 is no configuration"); return }
        let maps = ObjectModel.withValueMaps(report)
        #expect(maps.map(\.handle) == [1, 2])
        let scan = try APDU.decode(try #require(PHDVectors.bytes("H241.hex")))
        let model = try PHDFuzzModel.model(of: scan, valueMaps: maps)
        let floats = model.nodes.filter { $0.tag == PHDFuzzTag.float32 }.map(\.path)
        #expect(floats == [
            "apdu/prst/data/roiv/event-info/scan-fixed/observations[1]/obs-val-data/nu-val-obs-simp",
            "apdu/prst/data/roiv/event-info/scan-fixed/observations[2]/obs-val-data/nu-val-obs-simp",
        ])
        #expect(model.nodes.filter { $0.tag == PHDFuzzTag.absoluteTime }.count == 2)
    }

    @Test func everyBaseRendersItsEncoding() throws {
        #expect(PHDFuzzBase.all.count == 11)
        #expect(PHDFuzzBase.bases(.toAgent).count == 6 && PHDFuzzBase.bases(.toManager).count == 5)
        for base in PHDFuzzBase.all {
            let fuzz = try PHDFuzzModel(base: base, profileDigest: Self.profileDigest, seed: 1)
            let encoded = try base.apdu.encoded()
            #expect(fuzz.validCase == encoded, "\(base.name)")
            #expect(fuzz.model.renderBase() == encoded, "\(base.name)")
            // The base decodes back to itself: it is a valid message.
            #expect(try APDU.decode(encoded) == base.apdu, "\(base.name)")
            #expect(fuzz.space.enumeratedCount > 0, "\(base.name)")
        }
        #expect(PHDFuzzBase.named("to-manager/aarq") != nil)
        #expect(throws: FuzzModelError.self) { try PHDFuzzModel(baseNamed: "nope", profileDigest: [], seed: 0) }
    }

    @Test func pathsAreStableAndEveryLengthAndCountIsARelation() throws {
        let config = try #require(PHDFuzzBase.named("to-manager/roiv-config-report"))
        let model = try PHDFuzzModel.model(of: config.apdu)
        let paths = model.nodes.map(\.path)
        for path in [
            "apdu/choice", "apdu/length", "apdu/prst/length", "apdu/prst/data/invoke-id", "apdu/prst/data/choice",
            "apdu/prst/data/length", "apdu/prst/data/roiv/event-type", "apdu/prst/data/roiv/event-info/length",
            "apdu/prst/data/roiv/event-info/config/objects.count", "apdu/prst/data/roiv/event-info/config/objects.length",
            "apdu/prst/data/roiv/event-info/config/objects[1]/attributes[2]/value",
            "apdu/prst/data/roiv/event-info/config/objects[3]/attributes[4]/value/entries[1]/attribute-id",
        ] {
            #expect(paths.contains(path), "\(path)")
        }
        // Every length and count leaf is a relation target, and every relation targets one.
        let derived = model.nodes.filter { $0.tag == PHDFuzzTag.length || $0.tag == PHDFuzzTag.count }
        #expect(derived.allSatisfy { $0.relation != nil })
        #expect(derived.count == model.relations.count)
        // APDU, PRST, data choice, event-info, objects (count+length), per object attributes
        // (count+length) and per attribute the value length, value-map entries (count+length).
        #expect(model.relations.count == 4 + 2 + 3 * (2 + 4) + 3 * 2)
        let bytes = try config.apdu.encoded()
        // The same message twice gives the same model digest; another message another one.
        #expect(try PHDFuzzModel.model(of: config.apdu).digest == model.digest)
        let other = try PHDFuzzModel.model(of: try #require(PHDFuzzBase.named("to-manager/aarq")).apdu)
        #expect(other.digest != model.digest)
        #expect(model.renderBase() == bytes)
    }

    @Test func fixedScanReportsAreSplitByTheValueMap() throws {
        let base = try #require(PHDFuzzBase.named("to-manager/roiv-scan-report-mp-fixed"))
        let model = try PHDFuzzModel.model(of: base.apdu, valueMaps: base.valueMaps)
        let prefix = "apdu/prst/data/roiv/event-info/scan-mp-fixed/persons[1]/observations"
        let typed = model.nodes.filter { [PHDFuzzTag.float32, PHDFuzzTag.sfloat16, PHDFuzzTag.absoluteTime].contains($0.tag) }
        #expect(typed.map(\.path) == [
            prefix + "[1]/obs-val-data/nu-val-obs-simp", prefix + "[1]/obs-val-data/time-stamp-abs",
            prefix + "[2]/obs-val-data/nu-val-obs-basic", prefix + "[2]/obs-val-data/time-stamp-abs",
            prefix + "[3]/obs-val-data/nu-cmpd-val-obs-basic/values[1]", prefix + "[3]/obs-val-data/nu-cmpd-val-obs-basic/values[2]",
            prefix + "[3]/obs-val-data/nu-cmpd-val-obs-basic/values[3]", prefix + "[3]/obs-val-data/time-stamp-abs",
        ])
        // Without the maps the observations stay octets and the bytes are the same.
        let plain = try PHDFuzzModel.model(of: base.apdu)
        #expect(plain.nodes.filter { $0.tag == PHDFuzzTag.float32 }.isEmpty)
        #expect(plain.renderBase() == model.renderBase())
        // A map whose lengths do not add up is not used.
        let wrong = [ObjectModel(handle: 1, objectClass: PHDCode.mocVMOMetricNu, type: nil, unit: nil, valueMap: [.init(attribute: PHDCode.attrNuValObsSimp, length: 4)])]
        let ignored = try PHDFuzzModel.model(of: base.apdu, valueMaps: wrong)
        #expect(ignored.nodes.filter { $0.tag == PHDFuzzTag.float32 }.isEmpty)
    }

    @Test func theInvokeIDCanBeBoundToEchoTheAgent() throws {
        let fuzz = try PHDFuzzModel(baseNamed: "to-agent/rors-config-accepted", profileDigest: Self.profileDigest, seed: 1)
        let id = try #require(fuzz.model.nodeID(path: PHDFuzzModel.invokeIDPath))
        let range = PHDLayout(fuzz.model).ranges[Int(id)]
        let built = fuzz.case(index: 500)
        let bound = fuzz.space.render(built, bindings: [LeafBinding(path: PHDFuzzModel.invokeIDPath, bytes: [0x43, 0x21])])
        if built.bytes.count >= range.upperBound, built.anomalies.allSatisfy({ $0.target != id && !$0.path.isEmpty }) {
            #expect(Array(bound[range]) == [0x43, 0x21])
        }
        let valid = fuzz.model.render(anomalies: [], bindings: [LeafBinding(path: PHDFuzzModel.invokeIDPath, bytes: [0x43, 0x21])])
        guard case .presentation(let data) = try APDU.decode(valid) else { Issue.record("not a PRST"); return }
        #expect(data.invokeID == 0x4321)
    }

    @Test func caseSpaceSizes() throws {
        var lines: [String] = []
        for base in PHDFuzzBase.all {
            let fuzz = try PHDFuzzModel(base: base, profileDigest: Self.profileDigest, seed: 1)
            var perOperator: [(String, Int)] = []
            for op in fuzz.space.operators {
                let size = fuzz.model.nodes.reduce(0) { $0 + op.librarySize($1) }
                perOperator.append((op.name, size))
            }
            lines.append("\(base.name): nodes \(fuzz.model.nodes.count), relations \(fuzz.model.relations.count), enumerated \(fuzz.space.enumeratedCount), bytes \(fuzz.validCase.count); "
                + perOperator.map { "\($0.0) \($0.1)" }.joined(separator: ", "))
            #expect(perOperator.allSatisfy { $0.1 > 0 || ["mder.float32", "mder.sfloat16", "mder.time", "mder.octets", "mder.repeat", "mder.count.lie", "mder.choice"].contains($0.0) },
                    "\(base.name) \(perOperator)")
        }
        print(lines.joined(separator: "\n"))
    }
}
