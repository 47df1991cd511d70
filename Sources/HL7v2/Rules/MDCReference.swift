import MedConformCore

/// The form of MDC reference IDs, as Core's shared nomenclature defines it.
enum MDCReference {
    /// `MDC_` followed by at least one upper-case letter, digit or underscore.
    static func isWellFormed<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        NomenclatureProblem.isWellFormedRefID(bytes)
    }

    static func isWellFormed(_ text: String) -> Bool { isWellFormed(text.utf8) }
}
