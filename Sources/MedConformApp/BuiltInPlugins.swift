import HL7v2
import MedConformCore
import PHD11073

/// The protocol plugins built into this executable, sorted by id, built once.
public enum BuiltInPlugins {
    public static let registry = PluginRegistry([
        AnyProtocolPlugin(HL7v2Plugin()),
        AnyProtocolPlugin(PHD11073Plugin()),
    ])
}
