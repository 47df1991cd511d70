import MedConformCore

extension FuzzCaseView {
    /// Case `index` of `space` as `medconform case` shows it, for every plugin.
    public init(case index: UInt64, of space: CaseSpace) {
        let fuzzCase = space.case(at: index)
        self.init(address: fuzzCase.addressRecord, anomalies: fuzzCase.anomalies.map(\.record), bytes: fuzzCase.bytes,
                  sha256: fuzzCase.digestHex, modelDigest: Hex.encode(space.modelDigest),
                  generatorVersion: space.runKey.generatorVersion, enumeratedCases: space.enumeratedCount)
    }
}
