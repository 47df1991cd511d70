import CLibXML2

/// A thin, throwing wrapper over libxml2's `xmlTextWriter` writing into memory.
///
/// It only accepts text that went through ``Sanitizer``: libxml2 escapes `& < > "` (and TAB,
/// LF, CR in attributes) but writes any other character as given, including those XML 1.0
/// forbids, so the sanitiser is what keeps the document well-formed. Used on one thread
/// for one document; not shared.
final class XMLWriter {
    private let buffer: xmlBufferPtr
    private let writer: xmlTextWriterPtr

    init() throws(ReportingError) {
        xmlInitParser()
        guard let buffer = xmlBufferCreate() else { throw .xmlWriter(step: "create buffer") }
        guard let writer = xmlNewTextWriterMemory(buffer, 0) else {
            xmlBufferFree(buffer)
            throw .xmlWriter(step: "create writer")
        }
        self.buffer = buffer
        self.writer = writer
        try check(xmlTextWriterSetIndent(writer, 1), "set indent")
        try check(withXMLChars("  ") { xmlTextWriterSetIndentString(writer, $0) }, "set indent string")
    }

    deinit {
        xmlFreeTextWriter(writer)
        xmlBufferFree(buffer)
    }

    func startDocument() throws(ReportingError) {
        try check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil), "start document")
    }

    func startElement(_ name: String) throws(ReportingError) {
        try check(withXMLChars(name) { xmlTextWriterStartElement(writer, $0) }, "start <\(name)>")
    }

    /// Writes an attribute; `value` must already be sanitised to one line.
    func attribute(_ name: String, _ value: String) throws(ReportingError) {
        let rc = withXMLChars(name) { namePointer in
            withXMLChars(value) { xmlTextWriterWriteAttribute(writer, namePointer, $0) }
        }
        try check(rc, "attribute \(name)")
    }

    /// Writes character data; `text` must already be sanitised.
    func text(_ text: String) throws(ReportingError) {
        try check(withXMLChars(text) { xmlTextWriterWriteString(writer, $0) }, "text")
    }

    func endElement() throws(ReportingError) {
        try check(xmlTextWriterEndElement(writer), "end element")
    }

    /// Writes `<name attributes…/>` or, with text, `<name attributes…>text</name>`.
    func element(_ name: String, attributes: [(String, String)] = [], text: String? = nil) throws(ReportingError) {
        try startElement(name)
        for (attributeName, value) in attributes { try attribute(attributeName, value) }
        if let text { try self.text(text) }
        try endElement()
    }

    /// Closes every open element, ends the document and returns its bytes.
    func finish() throws(ReportingError) -> [UInt8] {
        try check(xmlTextWriterEndDocument(writer), "end document")
        try check(xmlTextWriterFlush(writer), "flush")
        guard let content = xmlBufferContent(buffer) else { throw .xmlWriter(step: "read buffer") }
        let length = Int(xmlBufferLength(buffer))
        return Array(UnsafeBufferPointer(start: content, count: max(0, length)))
    }

    private func check(_ rc: Int32, _ step: String) throws(ReportingError) {
        if rc < 0 { throw .xmlWriter(step: step) }
    }
}

/// Calls `body` with `text` as a NUL-terminated `xmlChar` string. Sanitised text holds no
/// NUL (it is written `\u{00}`), so nothing is cut short.
func withXMLChars<R>(_ text: String, _ body: (UnsafePointer<xmlChar>) -> R) -> R {
    text.withCString { chars in
        // CChar and xmlChar (UInt8) are the signed and unsigned forms of one byte, which may alias.
        chars.withMemoryRebound(to: xmlChar.self, capacity: text.utf8.count + 1) { body($0) }
    }
}
