/// A small spec library with synthetic names: a base protocol, a device profile that extends
/// it and uses a data-only code table, and an example overlay on the device profile.
enum SpecFixtures {
    static let files: [(path: String, contents: String)] = [
        ("base-proto.yaml", """
            spec: base-proto
            title: Base protocol
            version: "1.0"
            plugin: fake
            status: derived
            sources:
              - id: base-impl
                document: A public implementation of the base protocol
                reference: framing.c
            requirements:
              - id: BASE-FRAMING
                title: Every message is framed
                strength: shall
                source: base-impl
                check: {rule: framing}
              - id: BASE-ACK
                title: Every message is acknowledged
                strength: should
                source: {document: Base protocol text, clause: "4.2"}

            """),
        ("codes/units.yaml", """
            spec: codes/units
            title: Unit codes
            status: derived
            tables:
              units:
                - {code: "%", name: percent}
                - {code: /min, name: per minute}

            """),
        ("device-profile.yaml", """
            spec: device-profile
            title: Device profile of the base protocol
            plugin: fake
            extends: base-proto
            uses: [codes/units]
            status: normative
            requirements:
              - id: DEV-CODE
                title: Codes come from the unit table
                strength: shall
                source: {document: Device profile text, clause: "3.1"}
              - id: DEV-PID-3
                title: The patient is identified
                strength: shall
                status: derived
                source: {document: Device profile text, reference: public examples}
            structures:
              report: {segments: [HDR, OBS]}

            """),
        ("overlay/example-nid.yaml", """
            spec: overlay/example-nid
            title: Example national overlay (illustration only)
            plugin: fake
            extends: device-profile
            status: example
            requirements:
              - id: NID-PID-3
                title: The patient carries a national identifier
                strength: shall
                source: {document: medconform example overlay}
                tightens: DEV-PID-3

            """),
    ]

    /// Writes the library under `directory/Specs` and returns that folder's path.
    @discardableResult
    static func write(into directory: TemporaryDirectory) throws -> String {
        for file in files {
            try directory.write("Specs/" + file.path, file.contents)
        }
        return directory.path + "/Specs"
    }
}
