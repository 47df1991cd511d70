/// The parts of one OBX that several rules read, split once per message.
///
/// `obx-value`, `mdc-coding`, `mdc-code-match`, `units` and `unit-dimension` each walk every
/// OBX and split OBX-2, OBX-3 and OBX-6 the same way; ``MessageContext`` splits them once and
/// the rules read the ranges. Each range is what the ``FieldSpan`` accessors give.
struct OBXSpans {
    /// The OBX's position among the message's segments.
    let index: Int
    /// OBX-2, first repetition: the value type.
    let valueType: Range<Int>
    /// OBX-3, components 1 to 3 of the first repetition: code, REFID, coding system.
    let observed: (code: Range<Int>, text: Range<Int>, system: Range<Int>)
    /// OBX-6, first repetition: the unit.
    let unit: Range<Int>
    /// OBX-6, components 1 to 3 of the first repetition.
    let unitParts: (code: Range<Int>, text: Range<Int>, system: Range<Int>)

    /// Whether `locator` names OBX-3 or OBX-6 as these spans hold them: a whole field (rules
    /// that take a locator read its field's first repetition).
    static func holds(_ locator: FieldLocator, field: Int) -> Bool {
        locator.segment == MessageContext.obx && locator.path.field == field
    }
}
