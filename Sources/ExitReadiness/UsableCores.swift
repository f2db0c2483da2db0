#if canImport(Glibc)
    import Glibc
#endif

/// How many cores there are, for sizing worker pools.
public enum UsableCores {
    /// The CPUs online; at least 1.
    public static var count: Int {
        max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }
}
