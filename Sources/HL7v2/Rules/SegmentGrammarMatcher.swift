/// Where a message's sequence of segments first leaves its structure, and why.
struct StructureDeviation: Sendable, Equatable {
    enum Problem: Sendable, Equatable {
        /// The segment ID appears nowhere in the structure (a Z-segment, a typo).
        case unknownSegment
        /// The segment has usage X where it stands (or everywhere in the structure).
        case forbidden
        /// The element already appeared its maximum number of times.
        case tooMany(element: String, maximum: Int, group: String)
        /// The segment may appear in the structure, but not here.
        case notAllowed(expected: [String])
        /// A required segment or group did not appear; `element` names it.
        /// `expected` lists what could have come instead of the segment at `position`.
        case missing(element: String, lead: String, isGroup: Bool, group: String, expected: [String])
    }

    /// The index (from 0) of the segment where the deviation shows; nil at the end of the message.
    var position: Int?
    var segment: String?
    var problem: Problem
}

/// Matches segment ID sequences against a ``SegmentGrammar`` in one greedy, forward-only walk.
///
/// HL7 structures are deterministic on segment IDs: at each point the next segment either
/// continues the current element, starts one of the following optional elements (or the
/// first required one), or ends the group. So the walk never backtracks; each segment costs at
/// most one scan of the children on each enclosing level, which bounds the work by segments
/// times the structure's size whatever the device sends.
struct SegmentGrammarMatcher {
    let grammar: SegmentGrammar

    func firstDeviation(_ ids: [SegmentCode]) -> StructureDeviation? {
        // A conforming message is walked without noting what each group could have accepted
        // instead, which only reasons need (and which allocates). A message that deviates is
        // walked again noting it: the notes never steer the walk, so both walks take the same path.
        guard deviation(ids, notingExpected: false) != nil else { return nil }
        return deviation(ids, notingExpected: true)
    }

    private func deviation(_ ids: [SegmentCode], notingExpected: Bool) -> StructureDeviation? {
        var walk = Walk(ids: ids, notingExpected: notingExpected)
        var deviation = walk.children(grammar.root, group: grammar.name)
        if deviation == nil, walk.position < ids.count {
            deviation = walk.leftover(grammar)
        }
        // "Too many PID" explains a missing group or a misplaced segment better than either.
        if let found = deviation, let tooMany = walk.tooMany, found.position == tooMany.position {
            switch found.problem {
            case .missing, .notAllowed:
                deviation = StructureDeviation(position: found.position, segment: found.segment,
                                               problem: .tooMany(element: tooMany.name, maximum: tooMany.maximum, group: tooMany.group))
            default:
                break
            }
        }
        // A segment the structure does not know is the plainest explanation, so it wins over
        // whatever the walk says at or after it. Looked for only when the walk found something:
        // a conforming message never pays for it.
        guard let found = deviation else { return nil }
        let end = min(found.position ?? ids.count, ids.count - 1)
        if end >= 0, let unknown = ids[...end].firstIndex(where: { !grammar.known.contains($0) }) {
            return StructureDeviation(position: unknown, segment: SegmentCodes.name(ids[unknown]), problem: .unknownSegment)
        }
        return found
    }

    private struct Walk {
        let ids: [SegmentCode]
        var position = 0
        /// Set when the segment at `position` would have continued an element already at its maximum.
        var tooMany: (position: Int, name: String, maximum: Int, group: String)? = nil
        /// What could have come at `position`, gathered while leaving groups (when noting).
        var expected: [SegmentCode] = []
        let notingExpected: Bool

        init(ids: [SegmentCode], notingExpected: Bool) {
            self.ids = ids
            self.notingExpected = notingExpected
        }

        mutating func children(_ list: [SegmentGrammar.Element], group: String) -> StructureDeviation? {
            var current = 0
            var count = 0
            // Elements are read in place (`list[index].first`): copying one out would retain
            // its name, lead, FIRST set and children for every segment walked.
            walking: while position < ids.count {
                let id = ids[position]
                var chosen: Int? = nil
                var index = current
                scanning: while index < list.count {
                    let seen = index == current ? count : 0
                    if list[index].forbidden {
                        if list[index].first.contains(id) {
                            return StructureDeviation(position: position, segment: SegmentCodes.name(id), problem: .forbidden)
                        }
                        index += 1
                        continue
                    }
                    if list[index].first.contains(id) {
                        if seen < list[index].maximum {
                            chosen = index
                            break scanning
                        }
                        // The innermost element at its maximum explains best; keep the first noted.
                        if tooMany?.position != position {
                            tooMany = (position, list[index].name, list[index].maximum, group)
                        }
                    }
                    // A required element that has not appeared cannot be skipped.
                    if seen < list[index].minimum { break scanning }
                    index += 1
                }
                guard let chosen else {
                    noteExpected(list, from: current, count: count)
                    break walking
                }
                if chosen != current {
                    current = chosen
                    count = 0
                }
                if case .group(let nested) = list[chosen].content {
                    let before = position
                    if let deviation = children(nested, group: list[chosen].name) { return deviation }
                    // FIRST guarantees progress; this guard only keeps a grammar bug from looping.
                    if position == before { break walking }
                } else {
                    position += 1
                    if !expected.isEmpty { expected.removeAll(keepingCapacity: true) }
                    tooMany = nil
                }
                count += 1
            }
            for index in current..<list.count {
                let seen = index == current ? count : 0
                if !list[index].forbidden, seen < list[index].minimum {
                    let element = list[index]
                    return StructureDeviation(
                        position: position < ids.count ? position : nil,
                        segment: position < ids.count ? SegmentCodes.name(ids[position]) : nil,
                        problem: .missing(element: element.name, lead: element.lead, isGroup: element.isGroup, group: group,
                                          expected: expected.map(SegmentCodes.name)))
                }
            }
            return nil
        }

        /// Records what the rest of this list could have accepted at `position`.
        private mutating func noteExpected(_ list: [SegmentGrammar.Element], from current: Int, count: Int) {
            guard notingExpected else { return }
            // Runs whenever a segment leaves a group, conforming messages included: elements are
            // read in place, not copied.
            for index in current..<list.count {
                if list[index].forbidden { continue }
                let seen = index == current ? count : 0
                if seen < list[index].maximum {
                    for code in list[index].first where !expected.contains(code) { expected.append(code) }
                }
                if seen < list[index].minimum { break }
            }
        }

        /// The deviation for a segment the whole structure could not place.
        func leftover(_ grammar: SegmentGrammar) -> StructureDeviation {
            let id = ids[position]
            let name = SegmentCodes.name(id)
            if grammar.forbiddenOnly.contains(id) {
                return StructureDeviation(position: position, segment: name, problem: .forbidden)
            }
            return StructureDeviation(position: position, segment: name,
                                      problem: .notAllowed(expected: expected.map(SegmentCodes.name)))
        }
    }
}
