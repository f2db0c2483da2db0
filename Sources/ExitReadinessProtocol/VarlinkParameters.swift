import ExitReadiness

/// Reads a call's parameters by the types its interface declares; anything else is an
/// `org.varlink.service.InvalidParameter` naming the parameter.
///
/// A parameter the method does not declare is invalid too, so that a misspelt optional
/// parameter (`limt`) is reported instead of silently ignored. Null counts as absent.
public struct VarlinkParameters {
    private let members: [(String, JSONValue)]

    /// Checks that `parameters` is an object whose keys are all among `declared`.
    public init(_ parameters: JSONValue, declared: [String]) throws(VarlinkServiceError) {
        guard case .object(let members) = parameters else { throw .invalidParameter(parameter: "parameters") }
        if let unknown = members.first(where: { !declared.contains($0.0) }) {
            throw .invalidParameter(parameter: unknown.0)
        }
        self.members = members
    }

    private func value(_ name: String) -> JSONValue? {
        guard let value = members.first(where: { $0.0 == name })?.1, value != .null else { return nil }
        return value
    }

    /// A required `string`.
    public func string(_ name: String) throws(VarlinkServiceError) -> String {
        guard let text = try optionalString(name) else { throw .invalidParameter(parameter: name) }
        return text
    }

    /// A `?string`.
    public func optionalString(_ name: String) throws(VarlinkServiceError) -> String? {
        guard let value = value(name) else { return nil }
        guard let text = value.stringValue else { throw .invalidParameter(parameter: name) }
        return text
    }

    /// A `?int` (a JSON number without a fractional part) within `range`.
    public func optionalInt(_ name: String, in range: ClosedRange<Int> = Int.min...Int.max) throws(VarlinkServiceError) -> Int? {
        guard let value = value(name) else { return nil }
        guard let number = value.intValue, range.contains(number) else { throw .invalidParameter(parameter: name) }
        return number
    }

    /// A `?float` (any JSON number), finite.
    public func optionalDouble(_ name: String) throws(VarlinkServiceError) -> Double? {
        guard let value = value(name) else { return nil }
        guard let number = value.doubleValue, number.isFinite else { throw .invalidParameter(parameter: name) }
        return number
    }

    /// A `?bool`.
    public func optionalBool(_ name: String) throws(VarlinkServiceError) -> Bool? {
        guard let value = value(name) else { return nil }
        guard let flag = value.boolValue else { throw .invalidParameter(parameter: name) }
        return flag
    }

    /// A `?string` holding a `YYYY-MM-DD` date.
    public func optionalDay(_ name: String) throws(VarlinkServiceError) -> Day? {
        guard let text = try optionalString(name) else { return nil }
        guard let day = Day(iso: text) else { throw .invalidParameter(parameter: name) }
        return day
    }
}
