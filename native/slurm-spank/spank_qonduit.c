/*
 * Qonduit SPANK plugin: `sbatch --qpu=name[,name...]` reserves QPUs the way `--gres=gpu` reserves GPUs.
 *
 * plugstack.conf:
 *   required /path/spank_qonduit.so qonduit=/path/to/qonduit config=/etc/slurm/qrmi_config.json [wait=30] [renew_ttl=600]
 *
 * For the batch step (remote context) slurm_spank_init_post_opt acquires each named resource by running
 * `qonduit qrmi acquire NAME --config PATH --job-id J --ttl SECONDS --wait W --env`, which prints the job's
 * variables for that resource as KEY=VALUE lines, and exports them with QRMI_JOB_QPU_RESOURCES/TYPES, the
 * legacy SLURM_JOB_QPU_* aliases and {name}_QRMI_JOB_TIMEOUT_SECONDS (the job's time limit). A failure is not
 * returned there, where slurmd would drain the node: it is remembered and raised in slurm_spank_task_init,
 * which fails the job with the message on its stderr. slurm_spank_exit releases what was acquired, and `qonduit qrmi
 * release --job-id` writes what each control-plane lease was spent on into the job's AdminComment (Slurm refuses to
 * update a job once it has finished, so it is done here, while the job completes).
 *
 * A job without a time limit (Slurm reports INFINITE, NO_VAL or a year, 525,600 minutes, on a partition with
 * MaxTime=UNLIMITED), or with one longer than the control plane grants a lease, gets leases of renew_ttl seconds
 * (or --qpu-lease-ttl) that a helper process renews every TTL/3 with `qonduit qrmi renew`. slurm_spank_exit
 * stops the helper before releasing. The helper dies with slurmstepd (PR_SET_PDEATHSIG, and it checks its
 * parent before every renewal), so a job whose exit hook never runs frees its lanes within one TTL.
 *
 * Tokens are passed to qonduit in {name}_QRMI_JOB_ACQUISITION_TOKEN, never on its command line (`ps` shows that).
 */
#define _GNU_SOURCE /* close_range */
#include <ctype.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <slurm/slurm.h>
#include <slurm/spank.h>

SPANK_PLUGIN(qonduit, 1)

#define MAX_QPUS 16
#define MAX_NAME 64
#define MAX_TOKEN 256
#define MAX_TYPE 64
#define MAX_ERROR 1024
#define MAX_OUTPUT 65536
/* The control plane's longest lease (docs/leases.md, ttlSeconds); a longer time limit is served by renewals. */
#define MAX_LEASE_SECONDS 604800u
/* What Slurm reports as the time limit of a job on a partition with MaxTime=UNLIMITED: a year, in minutes. */
#define UNLIMITED_MINUTES 525600u

struct acquired_qpu {
    char name[MAX_NAME];
    char type[MAX_TYPE];
    char token[MAX_TOKEN];
};

static char *g_qpu_option = NULL;
static char g_qonduit[1024] = "qonduit";
static char g_config[1024] = "/etc/slurm/qrmi_config.json";
static unsigned g_wait_seconds = 30;
static unsigned g_renew_ttl = 600;
static unsigned g_job_lease_ttl = 0; /* --qpu-lease-ttl; 0: g_renew_ttl */
static pid_t g_renewer = 0;
static struct acquired_qpu g_acquired[MAX_QPUS];
static int g_acquired_count = 0;
static char g_error[MAX_ERROR] = "";
static uint32_t g_job_id = 0;

static int qpu_option_cb(int val, const char *optarg, int remote)
{
    (void)val;
    (void)remote;
    free(g_qpu_option);
    g_qpu_option = optarg ? strdup(optarg) : NULL;
    return 0;
}

static struct spank_option qpu_option = {
    "qpu", "names", "Comma-separated quantum resources (qrmi_config.json names) to lease for this job.",
    1, 0, (spank_opt_cb_f)qpu_option_cb,
};

/* A bad value makes sbatch refuse the job at submission (the callback runs in the allocator too). */
static int lease_ttl_option_cb(int val, const char *optarg, int remote)
{
    char *end = NULL;
    (void)val;
    (void)remote;
    errno = 0;
    unsigned long seconds = optarg ? strtoul(optarg, &end, 10) : 0;
    if (optarg == NULL || *optarg == '\0' || *end != '\0' || errno != 0 || seconds < 3 || seconds > MAX_LEASE_SECONDS) {
        slurm_error("qonduit: --qpu-lease-ttl: '%s' is not a number of seconds from 3 to %u", optarg ? optarg : "", MAX_LEASE_SECONDS);
        return -1;
    }
    g_job_lease_ttl = (unsigned)seconds;
    return 0;
}

static struct spank_option lease_ttl_option = {
    "qpu-lease-ttl", "seconds",
    "TTL of the --qpu leases of a job without a time limit, renewed every TTL/3 while it runs (default: plugstack.conf renew_ttl, 600).",
    1, 0, (spank_opt_cb_f)lease_ttl_option_cb,
};

static void defer_error(const char *format, ...) __attribute__((format(printf, 1, 2)));

/* Keeps the first failure: it is the one that explains the others. */
static void defer_error(const char *format, ...)
{
    va_list args;
    if (g_error[0] != '\0')
        return;
    va_start(args, format);
    vsnprintf(g_error, sizeof g_error, format, args);
    va_end(args);
    slurm_error("qonduit: %s", g_error);
}

static void read_plugin_arguments(int argc, char **argv)
{
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i];
        if (strncmp(arg, "qonduit=", 8) == 0)
            snprintf(g_qonduit, sizeof g_qonduit, "%s", arg + 8);
        else if (strncmp(arg, "config=", 7) == 0)
            snprintf(g_config, sizeof g_config, "%s", arg + 7);
        else if (strncmp(arg, "wait=", 5) == 0)
            g_wait_seconds = (unsigned)strtoul(arg + 5, NULL, 10);
        else if (strncmp(arg, "renew_ttl=", 10) == 0)
            g_renew_ttl = (unsigned)strtoul(arg + 10, NULL, 10);
        else
            slurm_error("qonduit: unknown plugstack.conf argument '%s'", arg);
    }
}

int slurm_spank_init(spank_t sp, int argc, char **argv)
{
    read_plugin_arguments(argc, argv);
    if (g_renew_ttl < 3 || g_renew_ttl > MAX_LEASE_SECONDS) {
        slurm_error("qonduit: renew_ttl=%u is out of range (3..%u); using 600", g_renew_ttl, MAX_LEASE_SECONDS);
        g_renew_ttl = 600;
    }
    switch (spank_context()) {
    case S_CTX_ALLOCATOR: /* sbatch, salloc: only spank_option_register makes them accept --qpu */
    case S_CTX_LOCAL:
    case S_CTX_REMOTE:
        return spank_option_register(sp, &qpu_option) == ESPANK_SUCCESS
            && spank_option_register(sp, &lease_ttl_option) == ESPANK_SUCCESS ? 0 : -1;
    default:
        return 0;
    }
}

static int valid_name(const char *name)
{
    if (*name == '\0' || strlen(name) >= MAX_NAME || isdigit((unsigned char)*name))
        return 0;
    for (const char *c = name; *c; c++)
        if (!isalnum((unsigned char)*c) && *c != '_')
            return 0;
    return 1;
}

/* Puts the user's own {name}_QRMI_* job variables into this (child) process, so they override the file. */
static void inherit_user_overrides(spank_t sp, const char *name)
{
    char **env = NULL;
    char prefix[MAX_NAME + 8];
    snprintf(prefix, sizeof prefix, "%s_QRMI_", name);
    if (spank_get_item(sp, S_JOB_ENV, &env) != ESPANK_SUCCESS || env == NULL)
        return;
    for (int i = 0; env[i] != NULL; i++)
        if (strncmp(env[i], prefix, strlen(prefix)) == 0)
            putenv(env[i]);
}

/*
 * Runs qonduit with argv, collecting stdout into out and stderr into err; token, when given, goes into the child's
 * {name}_QRMI_JOB_ACQUISITION_TOKEN. Returns the exit status, or -1 when it could not be started or was killed.
 */
static int run_qonduit(spank_t sp, const char *name, const char *token, char *const argv[], char *out, size_t out_size, char *err,
                       size_t err_size)
{
    int out_pipe[2], err_pipe[2];
    size_t out_len = 0, err_len = 0;
    int status = 0;
    pid_t pid;

    out[0] = err[0] = '\0';
    if (pipe(out_pipe) != 0 || pipe(err_pipe) != 0) {
        snprintf(err, err_size, "pipe: %s", strerror(errno));
        return -1;
    }
    pid = fork();
    if (pid < 0) {
        snprintf(err, err_size, "fork: %s", strerror(errno));
        return -1;
    }
    if (pid == 0) {
        dup2(out_pipe[1], STDOUT_FILENO);
        dup2(err_pipe[1], STDERR_FILENO);
        close(out_pipe[0]);
        close(err_pipe[0]);
        if (sp != NULL)
            inherit_user_overrides(sp, name);
        if (token != NULL) {
            char token_key[MAX_NAME + 32];
            snprintf(token_key, sizeof token_key, "%s_QRMI_JOB_ACQUISITION_TOKEN", name);
            setenv(token_key, token, 1);
        }
        if (getenv("PATH") == NULL)
            setenv("PATH", "/usr/local/bin:/usr/bin:/bin", 1);
        execv(argv[0], argv);
        fprintf(stderr, "cannot run %s: %s", argv[0], strerror(errno));
        _exit(127);
    }
    close(out_pipe[1]);
    close(err_pipe[1]);
    struct pollfd fds[2] = { { out_pipe[0], POLLIN, 0 }, { err_pipe[0], POLLIN, 0 } };
    int open_fds = 2;
    while (open_fds > 0) {
        if (poll(fds, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        for (int i = 0; i < 2; i++) {
            if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            char *buffer = i == 0 ? out : err;
            size_t size = i == 0 ? out_size : err_size;
            size_t *len = i == 0 ? &out_len : &err_len;
            char scratch[4096];
            ssize_t n = read(fds[i].fd, scratch, sizeof scratch);
            if (n <= 0) {
                close(fds[i].fd);
                fds[i].fd = -1;
                open_fds--;
                continue;
            }
            size_t keep = (size_t)n < size - 1 - *len ? (size_t)n : size - 1 - *len;
            memcpy(buffer + *len, scratch, keep);
            *len += keep;
            buffer[*len] = '\0';
        }
    }
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    while (err_len > 0 && (err[err_len - 1] == '\n' || err[err_len - 1] == '\r'))
        err[--err_len] = '\0';
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* The job's time limit in seconds, or 0 when it has none a lease can cover (its leases are then renewed). */
static unsigned job_time_limit_seconds(uint32_t job_id)
{
    job_info_msg_t *info = NULL;
    unsigned seconds = 0;
    if (slurm_load_job(&info, job_id, SHOW_DETAIL) == SLURM_SUCCESS && info != NULL && info->record_count > 0) {
        uint32_t minutes = info->job_array[0].time_limit;
        if (minutes != INFINITE && minutes != NO_VAL && minutes > 0 && minutes < UNLIMITED_MINUTES
            && (uint64_t)minutes * 60 <= MAX_LEASE_SECONDS)
            seconds = minutes * 60;
    }
    if (info != NULL)
        slurm_free_job_info_msg(info);
    return seconds;
}

/* Exports every KEY=VALUE line qonduit printed; remembers the token and type of the resource. */
static void export_resource(spank_t sp, struct acquired_qpu *qpu, char *output)
{
    char token_key[MAX_NAME + 32], type_key[MAX_NAME + 16];
    snprintf(token_key, sizeof token_key, "%s_QRMI_JOB_ACQUISITION_TOKEN", qpu->name);
    snprintf(type_key, sizeof type_key, "%s_QRMI_TYPE", qpu->name);
    char *save = NULL;
    for (char *line = strtok_r(output, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save)) {
        char *eq = strchr(line, '=');
        if (eq == NULL)
            continue;
        *eq = '\0';
        const char *value = eq + 1;
        if (strcmp(line, token_key) == 0)
            snprintf(qpu->token, sizeof qpu->token, "%s", value);
        else if (strcmp(line, type_key) == 0)
            snprintf(qpu->type, sizeof qpu->type, "%s", value);
        spank_setenv(sp, line, value, 1);
    }
}

/* time_limit 0: the job has none, so the lease (of ttl) is renewed and no {name}_QRMI_JOB_TIMEOUT_SECONDS is set. */
static void acquire_one(spank_t sp, const char *name, uint32_t job_id, unsigned ttl, unsigned time_limit)
{
    char job[16], ttl_text[16], wait_text[16];
    char *output = malloc(MAX_OUTPUT);
    char error[MAX_ERROR];
    if (output == NULL) {
        defer_error("out of memory acquiring QPU '%s'", name);
        return;
    }
    snprintf(job, sizeof job, "%u", job_id);
    snprintf(ttl_text, sizeof ttl_text, "%u", ttl);
    snprintf(wait_text, sizeof wait_text, "%u", g_wait_seconds);
    char *argv[] = { g_qonduit, "qrmi", "acquire", (char *)name, "--config", g_config, "--job-id", job,
                     "--ttl", ttl_text, "--wait", wait_text, "--env", NULL };
    int status = run_qonduit(sp, name, NULL, argv, output, MAX_OUTPUT, error, sizeof error);
    if (status != 0) {
        defer_error("cannot acquire QPU '%s' (exit %d): %s", name, status, error[0] ? error : "no message");
        free(output);
        return;
    }
    struct acquired_qpu *qpu = &g_acquired[g_acquired_count];
    memset(qpu, 0, sizeof *qpu);
    snprintf(qpu->name, sizeof qpu->name, "%s", name);
    export_resource(sp, qpu, output);
    free(output);
    if (qpu->token[0] == '\0' || qpu->type[0] == '\0') {
        defer_error("'qonduit qrmi acquire %s' printed no token or type", name);
        return;
    }
    g_acquired_count++;
    if (time_limit == 0)
        return;
    char timeout_key[MAX_NAME + 32];
    snprintf(timeout_key, sizeof timeout_key, "%s_QRMI_JOB_TIMEOUT_SECONDS", name);
    spank_setenv(sp, timeout_key, ttl_text, 1);
}

/* The helper's life: renew every lease every TTL/3 until slurmstepd is gone (then the leases run out). */
static void renew_until_orphaned(pid_t parent, unsigned ttl)
{
    char ttl_text[16];
    snprintf(ttl_text, sizeof ttl_text, "%u", ttl);
    while (getppid() == parent) {
        sleep(ttl / 3);
        if (getppid() != parent)
            break;
        for (int i = 0; i < g_acquired_count; i++) {
            char out[256], err[MAX_ERROR];
            char *renew_argv[] = { g_qonduit, "qrmi", "renew", g_acquired[i].name, "--ttl", ttl_text, "--config", g_config, NULL };
            if (run_qonduit(NULL, g_acquired[i].name, g_acquired[i].token, renew_argv, out, sizeof out, err, sizeof err) != 0)
                fprintf(stderr, "qonduit: renewing the lease of QPU '%s' failed: %s\n", g_acquired[i].name, err);
        }
    }
    _exit(0);
}

static void start_renewer(unsigned ttl)
{
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0) {
        defer_error("cannot start the lease renewer: %s", strerror(errno));
        return;
    }
    if (pid == 0) {
        sigset_t none;
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent) /* slurmstepd died before prctl took effect */
            _exit(0);
        /* slurmstepd's sockets and pipes stay its own: the helper holds none of them open past slurmstepd's end. */
        close_range(3, ~0U, 0);
        signal(SIGTERM, SIG_DFL);
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        renew_until_orphaned(parent, ttl);
    }
    g_renewer = pid;
}

static void stop_renewer(void)
{
    if (g_renewer <= 0)
        return;
    kill(g_renewer, SIGTERM);
    while (waitpid(g_renewer, NULL, 0) < 0 && errno == EINTR)
        ;
    g_renewer = 0;
}

static void export_lists(spank_t sp)
{
    char names[MAX_QPUS * (MAX_NAME + 1)] = "", types[MAX_QPUS * (MAX_TYPE + 1)] = "";
    for (int i = 0; i < g_acquired_count; i++) {
        strcat(names, i ? "," : "");
        strcat(names, g_acquired[i].name);
        strcat(types, i ? "," : "");
        strcat(types, g_acquired[i].type);
    }
    spank_setenv(sp, "QRMI_JOB_QPU_RESOURCES", names, 1);
    spank_setenv(sp, "QRMI_JOB_QPU_TYPES", types, 1);
    spank_setenv(sp, "SLURM_JOB_QPU_RESOURCES", names, 1);
    spank_setenv(sp, "SLURM_JOB_QPU_TYPES", types, 1);
}

int slurm_spank_init_post_opt(spank_t sp, int argc, char **argv)
{
    uint32_t job_id = 0, step_id = 0;
    (void)argc;
    (void)argv;
    if (!spank_remote(sp) || g_qpu_option == NULL || g_qpu_option[0] == '\0')
        return 0;
    if (spank_get_item(sp, S_JOB_STEPID, &step_id) != ESPANK_SUCCESS || step_id != SLURM_BATCH_SCRIPT)
        return 0;
    if (spank_get_item(sp, S_JOB_ID, &job_id) != ESPANK_SUCCESS) {
        defer_error("cannot read the job id");
        return 0;
    }
    g_job_id = job_id;
    unsigned time_limit = job_time_limit_seconds(job_id);
    unsigned ttl = time_limit ? time_limit : g_job_lease_ttl ? g_job_lease_ttl : g_renew_ttl;
    char *list = strdup(g_qpu_option);
    char *save = NULL;
    for (char *name = strtok_r(list, ",", &save); name != NULL && g_error[0] == '\0'; name = strtok_r(NULL, ",", &save)) {
        if (!valid_name(name))
            defer_error("--qpu: '%s' is not a resource name (letters, digits and '_')", name);
        else if (g_acquired_count == MAX_QPUS)
            defer_error("--qpu: at most %d resources per job", MAX_QPUS);
        else
            acquire_one(sp, name, job_id, ttl, time_limit);
    }
    free(list);
    if (g_error[0] == '\0')
        export_lists(sp);
    if (time_limit == 0 && g_acquired_count > 0)
        start_renewer(ttl);
    return 0;
}

int slurm_spank_task_init(spank_t sp, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    if (!spank_remote(sp) || g_error[0] == '\0')
        return 0;
    fprintf(stderr, "qonduit: job cannot start: %s\n", g_error);
    fflush(stderr);
    return -1;
}

int slurm_spank_exit(spank_t sp, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    if (!spank_remote(sp))
        return 0;
    /* First, so that no renewal runs once a lease is released (a late one finds it gone: it is never revived). */
    stop_renewer();
    /* The job has not finished yet (Slurm refuses to update a finished one): release also writes what each lease was
       spent on into the job's AdminComment, one resource after the other so that each adds its entry. */
    char job[16];
    snprintf(job, sizeof job, "%u", g_job_id);
    for (int i = 0; i < g_acquired_count; i++) {
        char out[256], err[MAX_ERROR];
        char *release_argv[] = { g_qonduit, "qrmi", "release", g_acquired[i].name, "--config", g_config, "--job-id", job, NULL };
        if (run_qonduit(NULL, g_acquired[i].name, g_acquired[i].token, release_argv, out, sizeof out, err, sizeof err) != 0)
            slurm_error("qonduit: releasing QPU '%s' failed: %s (its lease ends at its TTL)", g_acquired[i].name, err);
        else if (err[0] != '\0')
            slurm_error("qonduit: releasing QPU '%s': %s", g_acquired[i].name, err);
    }
    g_acquired_count = 0;
    free(g_qpu_option);
    g_qpu_option = NULL;
    return 0;
}
