/// A delimiter role and the bytes a re-declaration gives it (``Mutation/redeclare(_:)``).
public struct DelimiterChange: Sendable, Equatable {
    /// The role (an index into ``FuzzModel/delimiters``); roles the model lacks are ignored.
    public var role: Int
    /// The new delimiter bytes.
    public var bytes: [UInt8]

    /// A change.
    public init(role: Int, bytes: [UInt8]) {
        self.role = role
        self.bytes = bytes
    }
}
