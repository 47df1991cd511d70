/// The keys of a spec file and of the mappings in it.
enum SpecKeys {
    static let topLevel = [
        "spec", "title", "version", "plugin", "extends", "uses", "status", "summary", "sources", "requirements", "tables", "structures",
    ]
    static let source = ["id", "document", "reference"]
    static let requirement = ["id", "title", "text", "strength", "status", "source", "tightens", "check"]
    static let inlineSource = ["document", "clause", "reference"]

    static let statuses = ["normative", "derived", "example"]
    static let strengths = ["shall", "should", "may"]

    /// Requirement IDs: `[A-Z][A-Z0-9]*(-[A-Z0-9.]+)*`, such as `HL7-MSA-2` or `PCD01-OBX-3-REFID`.
    static func isValidRequirementID(_ id: String) -> Bool {
        let parts = id.split(separator: "-", omittingEmptySubsequences: false)
        guard let head = parts.first, let first = head.unicodeScalars.first, ("A"..."Z").contains(first),
              head.unicodeScalars.allSatisfy(isUpperAlphanumeric)
        else { return false }
        return parts.dropFirst().allSatisfy { part in
            !part.isEmpty && part.unicodeScalars.allSatisfy { isUpperAlphanumeric($0) || $0 == "." }
        }
    }

    private static func isUpperAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
    }
}
