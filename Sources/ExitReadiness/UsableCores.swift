#if canImport(Glibc)
import Glibc
#endif

/// The cores this process may run on, for sizing its worker pools.
public enum UsableCores {
    /// The CPUs online; at least 1.
    public static var count: Int {
        max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }
}
