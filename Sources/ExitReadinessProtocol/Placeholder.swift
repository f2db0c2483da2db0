// The protocol target is being written; this keeps the package building meanwhile.
enum ProtocolPlaceholder {}
