/* Load client for the Varlink benchmark: N connections, each in its own thread, each sending
 * one call and reading its whole reply (up to the NUL) before the next, for a fixed time.
 * Every round trip is timed; the percentiles are exact (all samples sorted).
 *
 *   varlink-load SOCKET-PATH CLIENTS SECONDS MESSAGE
 *
 * Prints one line of JSON: {"clients":..,"calls":..,"calls_per_second":..,"p50_us":..,
 * "p99_us":..,"reply_bytes":..}. The first quarter second of each run is warm-up, not counted.
 */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

struct worker {
    pthread_t thread;
    const char *path;
    const char *message;
    size_t message_length;
    uint64_t start_counting;
    uint64_t stop;
    uint64_t *samples;
    size_t count;
    size_t capacity;
    size_t reply_bytes;
    int failed;
};

static uint64_t now_ns(void) {
    struct timespec time;
    clock_gettime(CLOCK_MONOTONIC, &time);
    return (uint64_t)time.tv_sec * 1000000000u + (uint64_t)time.tv_nsec;
}

static void *run(void *argument) {
    struct worker *w = argument;
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    struct sockaddr_un address = {.sun_family = AF_UNIX};
    strncpy(address.sun_path, w->path, sizeof(address.sun_path) - 1);
    if (connect(fd, (struct sockaddr *)&address, sizeof(address)) < 0) {
        perror("connect");
        w->failed = 1;
        return NULL;
    }
    size_t buffer_size = 4 << 20;
    char *buffer = malloc(buffer_size);
    for (;;) {
        uint64_t start = now_ns();
        if (start >= w->stop) break;
        if (send(fd, w->message, w->message_length, MSG_NOSIGNAL) != (ssize_t)w->message_length) {
            w->failed = 1;
            break;
        }
        size_t used = 0;
        for (;;) {
            ssize_t got = recv(fd, buffer + used, buffer_size - used, 0);
            if (got <= 0) {
                if (got < 0 && errno == EINTR) continue;
                w->failed = 1;
                break;
            }
            /* Only the new bytes can hold the terminator: the reply is one message. */
            int done = memchr(buffer + used, 0, (size_t)got) != NULL;
            used += (size_t)got;
            if (done) break;
            if (used == buffer_size) {
                w->failed = 1;
                break;
            }
        }
        if (w->failed) break;
        uint64_t end = now_ns();
        w->reply_bytes = used;
        if (start < w->start_counting) continue;
        if (w->count == w->capacity) {
            w->capacity = w->capacity ? w->capacity * 2 : 65536;
            w->samples = realloc(w->samples, w->capacity * sizeof(uint64_t));
        }
        w->samples[w->count++] = end - start;
    }
    free(buffer);
    close(fd);
    return NULL;
}

static int compare(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: %s SOCKET-PATH CLIENTS SECONDS MESSAGE\n", argv[0]);
        return 2;
    }
    int clients = atoi(argv[2]);
    double seconds = atof(argv[3]);
    size_t length = strlen(argv[4]) + 1; /* with the NUL */
    struct worker *workers = calloc((size_t)clients, sizeof(*workers));
    uint64_t begin = now_ns();
    uint64_t warm = 250000000u;
    for (int i = 0; i < clients; i++) {
        workers[i] = (struct worker){.path = argv[1], .message = argv[4], .message_length = length,
                                     .start_counting = begin + warm, .stop = begin + warm + (uint64_t)(seconds * 1e9)};
        pthread_create(&workers[i].thread, NULL, run, &workers[i]);
    }
    size_t total = 0, reply_bytes = 0;
    int failed = 0;
    for (int i = 0; i < clients; i++) {
        pthread_join(workers[i].thread, NULL);
        total += workers[i].count;
        failed |= workers[i].failed;
        if (workers[i].reply_bytes) reply_bytes = workers[i].reply_bytes;
    }
    if (failed || total == 0) {
        fprintf(stderr, "varlink-load: a connection failed\n");
        return 1;
    }
    uint64_t *all = malloc(total * sizeof(uint64_t));
    size_t at = 0;
    for (int i = 0; i < clients; i++) {
        memcpy(all + at, workers[i].samples, workers[i].count * sizeof(uint64_t));
        at += workers[i].count;
    }
    qsort(all, total, sizeof(uint64_t), compare);
    double p50 = all[total / 2] / 1000.0;
    double p99 = all[(size_t)((double)total * 0.99)] / 1000.0;
    printf("{\"clients\": %d, \"calls\": %zu, \"calls_per_second\": %.0f, \"p50_us\": %.1f, \"p99_us\": %.1f, "
           "\"reply_bytes\": %zu}\n", clients, total, (double)total / seconds, p50, p99, reply_bytes);
    return 0;
}
