#define _GNU_SOURCE /* memrchr */
/* The floor for the Varlink benchmark: a minimal server that echoes NUL-terminated messages
 * over a Unix stream socket, one thread, epoll, no parsing. Whatever exitreadyd adds on top
 * (JSON, dispatch, the reply itself) is measured against this.
 *
 *   varlink-echo SOCKET-PATH        (runs until killed)
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#define BUFFER_SIZE 65536

struct connection {
    int fd;
    size_t used;
    char buffer[BUFFER_SIZE];
};

static int write_all(int fd, const char *data, size_t length) {
    while (length > 0) {
        ssize_t sent = send(fd, data, length, MSG_NOSIGNAL);
        if (sent < 0) {
            if (errno == EINTR) continue;
            if (errno == EAGAIN) {
                /* The benchmark client reads every reply before sending again: this is rare. */
                usleep(10);
                continue;
            }
            return -1;
        }
        data += sent;
        length -= (size_t)sent;
    }
    return 0;
}

/* Reads what is there and echoes every complete message; -1 when the connection ends. */
static int serve(struct connection *c) {
    for (;;) {
        ssize_t got = recv(c->fd, c->buffer + c->used, BUFFER_SIZE - c->used, 0);
        if (got == 0) return -1;
        if (got < 0) return (errno == EAGAIN || errno == EINTR) ? 0 : -1;
        c->used += (size_t)got;
        char *end = memrchr(c->buffer, 0, c->used);
        if (end != NULL) {
            size_t complete = (size_t)(end - c->buffer) + 1;
            if (write_all(c->fd, c->buffer, complete) < 0) return -1;
            memmove(c->buffer, c->buffer + complete, c->used - complete);
            c->used -= complete;
        } else if (c->used == BUFFER_SIZE) {
            return -1; /* a message larger than the buffer: not part of the benchmark */
        }
    }
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s SOCKET-PATH\n", argv[0]);
        return 2;
    }
    int listener = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    struct sockaddr_un address = {.sun_family = AF_UNIX};
    strncpy(address.sun_path, argv[1], sizeof(address.sun_path) - 1);
    unlink(argv[1]);
    if (bind(listener, (struct sockaddr *)&address, sizeof(address)) < 0 || listen(listener, 1024) < 0) {
        perror(argv[1]);
        return 1;
    }
    int poller = epoll_create1(EPOLL_CLOEXEC);
    struct epoll_event event = {.events = EPOLLIN, .data.ptr = NULL};
    epoll_ctl(poller, EPOLL_CTL_ADD, listener, &event);
    struct epoll_event ready[256];
    for (;;) {
        int count = epoll_wait(poller, ready, 256, -1);
        for (int i = 0; i < count; i++) {
            if (ready[i].data.ptr == NULL) {
                int fd;
                while ((fd = accept4(listener, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC)) >= 0) {
                    struct connection *c = calloc(1, sizeof(*c));
                    c->fd = fd;
                    struct epoll_event add = {.events = EPOLLIN, .data.ptr = c};
                    epoll_ctl(poller, EPOLL_CTL_ADD, fd, &add);
                }
                continue;
            }
            struct connection *c = ready[i].data.ptr;
            if (serve(c) < 0) {
                epoll_ctl(poller, EPOLL_CTL_DEL, c->fd, NULL);
                close(c->fd);
                free(c);
            }
        }
    }
}
