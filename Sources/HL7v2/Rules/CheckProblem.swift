import MedConformCore

/// Everything that can be wrong with a spec's `check:`, its tables or its structures, and the
/// one place where each problem is put into words. Problems that ``ConfigMapping`` finds
/// itself (unknown keys, wrong types, missing keys) are worded there.
enum CheckProblem {
    case missingRule(requirement: String)
    case unknownRule(String, requirement: String)
    case notAMapping(requirement: String, found: String)
    case badPath(String, key: String)
    case pathNeedsField(String, key: String)
    case pathSegmentMismatch(String, expected: String, key: String)
    case badSegmentID(String, key: String)
    case badMessageCode(String)
    case badFieldNumber(String, key: String)
    case conditionCount(requirement: String, found: [String])
    case badPattern(String, message: String)
    case badExpectedType(String)
    case unknownTable(String, requirement: String, known: [String])
    case unknownStructure(String, requirement: String, known: [String])
    case structureNotList(String)
    case structureElementKind(structure: String)
    case structureBadUsage(String)
    case structureBadMax(String)
    case structureEmptyGroup(String)
    case structureTooDeep(String)
    case structureNoElement(String)

    var message: String {
        switch self {
        case let .missingRule(requirement):
            return "check of requirement '\(requirement)' is missing the required key 'rule'"
        case let .unknownRule(rule, requirement):
            let known = HL7RuleKind.allCases.map(\.rawValue)
            return "unknown rule '\(rule)' in the check of requirement '\(requirement)'"
                + Suggestion.didYouMean(rule, among: known)
                + "; the hl7v2 plugin knows \(known.joined(separator: ", "))"
        case let .notAMapping(requirement, found):
            return "check of requirement '\(requirement)' must be a mapping such as {rule: parse}, found \(found)"
        case let .badPath(path, key):
            return "'\(path)' in '\(key)' is not an HL7 path; write SEG-field[(repetition)][.component[.subcomponent]], such as 'PID-3' or 'MSH-9.1'"
        case let .pathNeedsField(path, key):
            return "'\(path)' in '\(key)' must name a whole field (such as 'OBX-3'), without repetition or component"
        case let .pathSegmentMismatch(path, expected, key):
            return "'\(path)' in '\(key)' must be a field of \(expected)"
        case let .badSegmentID(id, key):
            return "'\(id)' in '\(key)' is not a segment ID; write three upper-case letters or digits, such as 'OBX'"
        case let .badMessageCode(code):
            return "'\(code)' in 'messages' is not a message code; write three upper-case letters or digits, such as 'ORU' or 'ACK'"
        case let .badFieldNumber(text, key):
            return "'\(text)' in '\(key)' is not a field number; write a whole number from 1 to 999"
        case let .conditionCount(requirement, found):
            let keys = found.isEmpty ? "none" : found.map { "'\($0)'" }.joined(separator: ", ")
            return "the value check of requirement '\(requirement)' needs exactly one of 'equals', 'in' or 'empty'; found \(keys)"
        case let .badPattern(pattern, message):
            return "'\(pattern)' is not a valid regular expression: \(message)"
        case let .badExpectedType(text):
            return "'\(text)' in 'expect' is not a message type; write code^event, such as 'ORU^R01'"
        case let .unknownTable(name, requirement, known):
            return "requirement '\(requirement)' reads table '\(name)', which no loaded spec defines"
                + Suggestion.didYouMean(name, among: known)
                + (known.isEmpty ? "; add the spec that holds it to 'uses'" : "")
        case let .unknownStructure(name, requirement, known):
            return "requirement '\(requirement)' uses structure '\(name)', which no loaded spec defines"
                + Suggestion.didYouMean(name, among: known)
        case let .structureNotList(name):
            return "structure '\(name)' must be a list of segments and groups"
        case let .structureElementKind(structure):
            return "each element of structure '\(structure)' needs exactly one of 'segment' or 'group'"
        case let .structureBadUsage(usage):
            return "usage '\(usage)' is not one of R, RE, O, C, CE or X"
                + Suggestion.didYouMean(usage, among: ["R", "RE", "O", "C", "CE", "X"])
        case let .structureBadMax(text):
            return "'max' must be a whole number of at least 1 or \"*\", found '\(text)'"
        case let .structureEmptyGroup(name):
            return "group '\(name)' needs 'children' with at least one segment that is not X"
        case let .structureTooDeep(name):
            return "structure '\(name)' nests groups more than \(SegmentGrammar.maxDepth) deep"
        case let .structureNoElement(name):
            return "structure '\(name)' has no segment that may appear"
        }
    }
}

extension DiagnosticCollector {
    func report(_ problem: CheckProblem, at location: SourceLocation?) {
        error(problem.message, at: location)
    }
}
