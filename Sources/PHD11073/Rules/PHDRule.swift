import MedConformCore

/// One requirement's check, compiled: its kind and its parameters resolved to codes.
public struct PHDRule: Sendable {
    public var requirement: Requirement
    public var kind: PHDRuleKind
    var parameters: Parameters

    enum Parameters: Sendable {
        case none
        case attributes([UInt16])
        case standardIDs([UInt16])
        case types([MDCNomenclature.Term])
        case units([UnitRule])
        case ranges([RangeRule])
    }

    struct UnitRule: Sendable {
        var type: MDCNomenclature.Term
        var units: [MDCNomenclature.Term]
    }

    struct RangeRule: Sendable {
        var type: MDCNomenclature.Term
        var unit: MDCNomenclature.Term
        var minimum: Double
        var maximum: Double
    }
}
