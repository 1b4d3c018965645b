// Debian's nginx running the shipped web/deploy/nginx.conf (or, given a
// primary, nginx-replicas.conf) on a free loopback port in front of real
// rapport-server processes, as derived by
// tests/support/nginx_loopback_conf.sh (TLS dropped, everything nginx writes
// under a test folder). Started and stopped by PID.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "test_support.h"

namespace rapport::testing {

struct NginxOptions {
  std::vector<int> upstream_ports;  // the rapport-server ports of the upstream (the replicas)
  int primary_port = 0;             // set: nginx-replicas.conf with this primary
  std::string client_timeout;       // replaces the 10s client timeouts when set
  std::string upstream_timeout;     // replaces the search read and fail timeouts when set
  bool lift_client_limits = false;  // per-address limits off (all test clients are 127.0.0.1)
};

class NginxProcess {
 public:
  // Writes the configuration into `dir`, starts nginx and waits until it
  // answers /healthz through the upstream. Fails the test otherwise.
  NginxProcess(const TempDir& dir, const NginxOptions& options);
  ~NginxProcess();
  NginxProcess(const NginxProcess&) = delete;
  NginxProcess& operator=(const NginxProcess&) = delete;

  int port() const { return port_; }

 private:
  int port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace rapport::testing
