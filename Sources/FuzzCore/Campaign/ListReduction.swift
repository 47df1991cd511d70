/// Deterministic list reduction in the manner of Lithium (fuzzing.md §6): remove chunks of
/// halving size while the list still fails, never restarting after a removal, until a pass
/// at chunk size 1 removes nothing or the test budget runs out.
///
/// - Parameters:
///   - items: The list to reduce.
///   - pinned: How many items at the end may never be removed (the failing case of a sequence).
///   - budget: Tests left; decremented per test, shared by every reduction of one failure.
///   - stillFails: The interestingness test.
/// - Returns: A list that still fails, from which no single item (outside the pinned tail)
///   can be removed, unless the budget ran out first.
func reduceList<T>(_ items: [T], pinned: Int = 0, budget: inout Int, _ stillFails: ([T]) async -> Bool) async -> [T] {
    var current = items
    var chunk = 1
    while chunk * 2 <= max(1, (current.count - pinned) / 2) { chunk *= 2 }
    while budget > 0 {
        var removedAny = false
        var start = 0
        while start < current.count - pinned && budget > 0 {
            let end = min(start + chunk, current.count - pinned)
            var candidate = current
            candidate.removeSubrange(start..<end)
            budget -= 1
            if await stillFails(candidate) {
                current = candidate
                removedAny = true
            } else {
                start = end
            }
        }
        if chunk == 1 && !removedAny { break }
        if chunk > 1 { chunk /= 2 }
    }
    return current
}
