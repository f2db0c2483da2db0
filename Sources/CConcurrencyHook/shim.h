// The Swift runtime's hook for jobs sent to the global executor (swift_task_enqueueGlobal_hook,
// declared in the runtime's include/swift/Runtime/Concurrency.h). It is reached through this
// reference rather than dlsym because the release binaries link the runtime statically, where the
// symbol is not exported.
extern void *swift_task_enqueueGlobal_hook;

static inline void **exitready_enqueue_global_hook(void) {
    return &swift_task_enqueueGlobal_hook;
}
