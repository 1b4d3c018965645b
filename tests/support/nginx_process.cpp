// nginx in front of test servers (nginx_process.h).
#include "nginx_process.h"

#include "child_process.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include <chrono>
#include <cstdio>
#include <thread>

#include "server_process.h"

namespace rapport::testing {
namespace {

constexpr const char* kNginx = "/usr/sbin/nginx";
constexpr auto kStartTimeout = std::chrono::seconds(10);
constexpr auto kPollInterval = std::chrono::milliseconds(20);

std::string LoopbackConfig(const TempDir& dir, int port, const NginxOptions& options) {
  std::vector<std::string> argv = {"/usr/bin/env"};
  if (!options.client_timeout.empty()) argv.push_back("CLIENT_TIMEOUT=" + options.client_timeout);
  if (!options.upstream_timeout.empty()) {
    argv.push_back("UPSTREAM_TIMEOUT=" + options.upstream_timeout);
  }
  if (options.lift_client_limits) argv.push_back("NO_CLIENT_LIMITS=1");
  if (options.primary_port > 0) {
    argv.push_back("PRIMARY_PORT=" + std::to_string(options.primary_port));
  }
  argv.insert(argv.end(), {"bash", SourcePath("tests/support/nginx_loopback_conf.sh"), dir.path(),
                           std::to_string(port)});
  for (int upstream : options.upstream_ports) argv.push_back(std::to_string(upstream));
  CommandOutput made = RunCommand(argv);
  REQUIRE_MESSAGE(made.exit_code == 0, made.err);
  return made.out;
}

}  // namespace

NginxProcess::NginxProcess(const TempDir& dir, const NginxOptions& options)
    : port_(FreeLoopbackPort()) {
  const std::string conf_path = dir.File("nginx.conf");
  WriteFile(conf_path, LoopbackConfig(dir, port_, options));
  pid_ = SpawnChild({kNginx, "-p", dir.path(), "-c", conf_path, "-e", dir.File("error.log")},
                    {.in = "", .out = "/dev/null", .err = ""});
  const auto give_up = std::chrono::steady_clock::now() + kStartTimeout;
  while (std::chrono::steady_clock::now() < give_up) {
    if (Get(port_, "/healthz").status == 200) return;
    std::this_thread::sleep_for(kPollInterval);
  }
  ::kill(pid_, SIGTERM);
  ::waitpid(pid_, nullptr, 0);
  FAIL("nginx did not come up: " << ReadFile(dir.File("error.log")));
}

NginxProcess::~NginxProcess() {
  ::kill(pid_, SIGTERM);
  int status = 0;
  ::waitpid(pid_, &status, 0);
}

}  // namespace rapport::testing
