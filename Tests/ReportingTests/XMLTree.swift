import CLibXML2
@testable import Reporting

/// A parsed XML element, read back from the bytes a report produced.
struct XMLElement: Sendable {
    var name: String
    var attributeNames: [String]
    var attributeValues: [String]
    var children: [XMLElement]
    /// The element's own text nodes, concatenated.
    var text: String

    func attribute(_ name: String) -> String? {
        attributeNames.firstIndex(of: name).map { attributeValues[$0] }
    }

    func children(named name: String) -> [XMLElement] {
        children.filter { $0.name == name }
    }

    /// Every element below this one, depth first.
    var descendants: [XMLElement] {
        children.flatMap { [$0] + $0.descendants }
    }

    /// Parses `bytes` with libxml2; nil (with the errors) when it is not well-formed.
    static func parse(_ bytes: [UInt8]) -> (root: XMLElement?, errors: [String]) {
        let parsed = XMLSchemaValidation.parse(bytes)
        guard let document = parsed.document else { return (nil, parsed.errors) }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else { return (nil, ["no root element"]) }
        return (XMLElement(root), [])
    }

    private init(_ node: xmlNodePtr) {
        name = String(cString: node.pointee.name)
        attributeNames = []
        attributeValues = []
        var attribute = node.pointee.properties
        while let current = attribute {
            attributeNames.append(String(cString: current.pointee.name))
            attributeValues.append(Self.content(of: current.pointee.children))
            attribute = current.pointee.next
        }
        children = []
        text = ""
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE {
                children.append(XMLElement(current))
            } else if current.pointee.type == XML_TEXT_NODE, let content = current.pointee.content {
                text += String(cString: content)
            }
            child = current.pointee.next
        }
    }

    private static func content(of first: xmlNodePtr?) -> String {
        var text = ""
        var node = first
        while let current = node {
            if let content = current.pointee.content { text += String(cString: content) }
            node = current.pointee.next
        }
        return text
    }
}
