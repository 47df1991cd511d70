#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CLibXML2

/// Checks XML with libxml2: well-formedness, and validity against an XML Schema such as
/// `junit-10.xsd`. Public so that every test target (and a `medconform` self-check) can hold
/// produced JUnit files to the schema Jenkins' xUnit plugin enforces.
///
/// Parsing never touches the network and does not load external entities.
public enum XMLSchemaValidation {
    /// The problems with `xml` against the schema at `schemaPath`, one line each with a line
    /// number where libxml2 gives one; empty when the document parses and is valid.
    public static func validate(xml: [UInt8], schemaPath: String) -> [String] {
        xmlInitParser()
        guard access(schemaPath, R_OK) == 0 else { return ["cannot read schema '\(schemaPath)': \(lastError())"] }
        let parsed = parse(xml)
        guard let document = parsed.document else { return parsed.errors }
        defer { xmlFreeDoc(document) }

        let log = ErrorLog()
        let context = Unmanaged.passUnretained(log).toOpaque()
        defer { withExtendedLifetime(log) {} }
        guard let schemaParser = xmlSchemaNewParserCtxt(schemaPath) else { return ["cannot open schema '\(schemaPath)'"] }
        defer { xmlSchemaFreeParserCtxt(schemaParser) }
        xmlSchemaSetParserStructuredErrors(schemaParser, { context, error in ErrorLog.record(context, error) }, context)
        guard let schema = xmlSchemaParse(schemaParser) else {
            return log.messages.map { "schema '\(schemaPath)': \($0)" } + ["cannot parse schema '\(schemaPath)'"]
        }
        defer { xmlSchemaFree(schema) }
        guard let validator = xmlSchemaNewValidCtxt(schema) else { return ["cannot create a validation context"] }
        defer { xmlSchemaFreeValidCtxt(validator) }
        xmlSchemaSetValidStructuredErrors(validator, { context, error in ErrorLog.record(context, error) }, context)
        let result = xmlSchemaValidateDoc(validator, document)
        if result != 0, log.messages.isEmpty {
            return ["validation failed (libxml2 result \(result))"]
        }
        return log.messages
    }

    /// The problems that keep `xml` from parsing as well-formed XML 1.0; empty when it parses.
    public static func wellFormednessErrors(xml: [UInt8]) -> [String] {
        xmlInitParser()
        let parsed = parse(xml)
        if let document = parsed.document { xmlFreeDoc(document) }
        return parsed.errors
    }

    /// Parses without network access, entity substitution or DTD loading; on failure, the
    /// parser's last error.
    static func parse(_ xml: [UInt8]) -> (document: xmlDocPtr?, errors: [String]) {
        guard !xml.isEmpty else { return (nil, ["the document is empty"]) }
        guard let length = Int32(exactly: xml.count) else { return (nil, ["the document is larger than 2 GiB"]) }
        guard let parser = xmlNewParserCtxt() else { return (nil, ["cannot create a parser"]) }
        defer { xmlFreeParserCtxt(parser) }
        let options = Int32(bitPattern: XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        let document = xml.withUnsafeBytes { buffer -> xmlDocPtr? in
            guard let base = buffer.baseAddress?.assumingMemoryBound(to: CChar.self) else { return nil }
            return xmlCtxtReadMemory(parser, base, length, "report.xml", nil, options)
        }
        if let document, parser.pointee.wellFormed != 0 { return (document, []) }
        if let document { xmlFreeDoc(document) }
        guard let error = xmlCtxtGetLastError(parser) else { return (nil, ["the document is not well-formed"]) }
        return (nil, [ErrorLog.describe(error.pointee)])
    }
}

/// Collects libxml2's structured errors for one validation; reached from C through an
/// unretained pointer that lives no longer than the call that created it.
private final class ErrorLog {
    var messages: [String] = []

    static func record(_ context: UnsafeMutableRawPointer?, _ error: xmlErrorPtr?) {
        guard let context, let error else { return }
        Unmanaged<ErrorLog>.fromOpaque(context).takeUnretainedValue().messages.append(describe(error.pointee))
    }

    static func describe(_ error: xmlError) -> String {
        let message = error.message.map { String(cString: $0) } ?? "unknown error"
        let trimmed = message.trimmingTrailingNewlines
        return error.line > 0 ? "line \(error.line): \(trimmed)" : trimmed
    }
}

extension String {
    fileprivate var trimmingTrailingNewlines: String {
        var text = Substring(self)
        while let last = text.last, last.isNewline || last == " " { text = text.dropLast() }
        return String(text)
    }
}
