/// Where exitready's files are when nothing else is said: the packaged layout of an ops server.
/// The daemon's configuration, exitreadyctl's options and the man pages use these.
public enum DefaultPaths {
    /// exitreadyd.conf(5); its drop-ins are in `<file>.d/*.conf`.
    public static let configuration = "/etc/exitready/exitreadyd.conf"
    /// The inventory: contract files and registers (`[Inventory] Directory=`).
    public static let inventory = "/etc/exitready/inventory"
    /// The dataroom checklist (`[Inventory] Checklist=`).
    public static let checklist = "/etc/exitready/dataroom.yaml"
    /// The dataroom, one folder per contract (`[Dataroom] Root=`).
    public static let dataroom = "/srv/dataroom"
    /// The daemon's SQLite database (`[Daemon] Database=`).
    public static let database = "/var/lib/exitready/exitready.db"
    /// The daemon's Varlink socket (`[Daemon] Socket=`).
    public static let socket = "/run/exitready/io.exitready.Monitor"
}
