/// The inputs that set off the PHD simulators' fuzz-only faults, as pure functions of one
/// APDU's bytes as its header delimits them, so that each trigger is tested apart from any
/// connection.
///
/// Every trigger reads the bytes at fixed offsets instead of decoding them: a defect that
/// only a fuzzer finds sits in code that trusts what the decoder would have refused.
enum PHDFuzzTriggers {
    /// An attribute value declared longer than this sets off ``PHDManagerFault/hangOnLongAttribute``.
    static let longAttributeBytes = 1024

    static func u16(_ bytes: [UInt8], _ offset: Int) -> UInt16? {
        guard offset >= 0, offset + 1 < bytes.count else { return nil }
        return UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
    }

    /// Whether `apdu` is an AARE whose data-proto-info length (bytes 8-9: after the header,
    /// the result and the data-proto-id) is not the number of bytes after it.
    static func aareProtoInfoLengthDisagrees(_ apdu: [UInt8]) -> Bool {
        guard u16(apdu, 0) == APDU.Tag.aare, let length = u16(apdu, 8) else { return false }
        return Int(length) != apdu.count - 10
    }

    /// The event type of a PRST event report (or its result) with data choice `choice`: the
    /// data choice sits at bytes 8-9, the event type after the length, the handle and the
    /// 32-bit time, at bytes 18-19.
    static func eventType(_ apdu: [UInt8], choices: [UInt16]) -> UInt16? {
        guard u16(apdu, 0) == APDU.Tag.prst, let choice = u16(apdu, 8), choices.contains(choice) else { return nil }
        return u16(apdu, 18)
    }

    /// Whether `apdu` is a RORS confirmed event report whose event type is no notification
    /// the codec has an event-info layout for.
    static func eventResultOfUnknownType(_ apdu: [UInt8]) -> Bool {
        guard let type = eventType(apdu, choices: [DataMessage.Tag.rorsConfirmedEventReport]) else { return false }
        return !PHDFuzzLibrary.eventTypes.contains(type)
    }

    /// Whether `apdu` is a configuration report (an event report of MDC_NOTI_CONFIG) whose
    /// config-obj-list count (bytes 24-25) is 0 while the list's length (bytes 26-27) is not.
    static func configReportCountsNoObjectsInANonEmptyList(_ apdu: [UInt8]) -> Bool {
        guard eventType(apdu, choices: eventReportChoices) == PHDCode.notiConfig,
              let count = u16(apdu, 24), let length = u16(apdu, 26) else { return false }
        return count == 0 && length != 0
    }

    /// Whether `apdu` is a configuration report with an attribute whose declared value length
    /// is more than `limit` bytes. Objects and attributes are walked by their counts, as far
    /// as the bytes go; whether the value is really that long does not matter.
    static func configReportHasAttribute(_ apdu: [UInt8], longerThan limit: Int) -> Bool {
        guard eventType(apdu, choices: eventReportChoices) == PHDCode.notiConfig, let objects = u16(apdu, 24) else { return false }
        var offset = 28
        for _ in 0..<objects {
            // obj-class, obj-handle, attribute count, attribute list length.
            guard let attributes = u16(apdu, offset + 4) else { return false }
            offset += 8
            for _ in 0..<attributes {
                guard let length = u16(apdu, offset + 2) else { return false }
                if Int(length) > limit { return true }
                offset += 4 + Int(length)
            }
        }
        return false
    }

    /// What a hanging simulator does: nothing, until its task is cancelled.
    static func hang() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(50))
        }
    }

    static let eventReportChoices = [DataMessage.Tag.roivConfirmedEventReport, DataMessage.Tag.roivEventReport]
}
