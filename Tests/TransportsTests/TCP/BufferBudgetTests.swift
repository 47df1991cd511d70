import Testing
@testable import Transports

@Suite("Inbound buffer budget")
struct BufferBudgetTests {
    @Test("the parts of the budget add up to no more than the cap", arguments: [0, 1, 64 << 10, 100_000, 1 << 20, 4 << 20, 64 << 20])
    func partsFit(cap: Int) {
        let budget = BufferBudget(maxBufferedBytes: cap)
        #expect(budget.total >= BufferBudget.minimumTotal)
        #expect(budget.total >= cap)
        let nioPart = (BufferBudget.highWatermark + BufferBudget.maxMessagesPerRead) * budget.chunk
        #expect(budget.queueCapacity > 0)
        #expect(budget.queueCapacity + nioPart + 2 * budget.receiveBuffer <= budget.total)
        #expect(budget.chunk.nonzeroBitCount == 1)
        #expect(budget.chunk <= 64 << 10)
    }
}
