import HL7v2
import MedConformCore

/// The protocol plugins built into this executable, sorted by id, built once.
public enum BuiltInPlugins {
    public static let registry = PluginRegistry([
        AnyProtocolPlugin(HL7v2Plugin()),
    ])
}
