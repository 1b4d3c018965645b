// `rapport-index replication-gate`: its flags, then the gate (replication_gate.h).
#include <string>
#include <vector>

#include "index_commands.h"
#include "index_commit_lock.h"
#include "replication_gate.h"

namespace rapport {
namespace {

constexpr long kMaxFlagNumber = 1000000;

Result<ReplicationGateOptions> ParseGateOptions(const CommandContext& context,
                                                const std::vector<std::string>& args) {
  ReplicationGateOptions options;
  options.lock_path = IndexCommitLockPath(context.data_dir);
  bool have_listen = false;
  bool have_upstream = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& flag = args[i];
    if (i + 1 >= args.size()) return Error::BadParameter(flag, "'" + flag + "' needs a value");
    const std::string& value = args[++i];
    if (flag == "--listen" || flag == "--upstream") {
      Result<Ipv4Endpoint> endpoint = ParseIpv4Endpoint(value);
      if (!endpoint) return endpoint.error();
      (flag == "--listen" ? options.listen : options.upstream) = endpoint.value();
      (flag == "--listen" ? have_listen : have_upstream) = true;
    } else if (flag == "--allow") {
      Result<Ipv4Network> network = ParseIpv4Network(value);
      if (!network) return network.error();
      options.allow.push_back(network.value());
    } else if (flag == "--max-connections" || flag == "--idle-timeout-s") {
      const long number = ParseBoundedNumber(value, kMaxFlagNumber);
      if (number <= 0) return Error::BadParameter(flag, flag + " must be a positive whole number");
      if (flag == "--max-connections") {
        options.max_connections = static_cast<int>(number);
      } else {
        options.idle_timeout = std::chrono::seconds(number);
      }
    } else {
      return Error::BadParameter(flag, "unexpected argument '" + flag + "' (see --help)");
    }
  }
  if (!have_listen || !have_upstream || options.allow.empty()) {
    return Error::BadParameter("--listen",
                               "--listen, --upstream and at least one --allow are needed");
  }
  return options;
}

}  // namespace

int RunReplicationGate(const CommandContext& context, const std::vector<std::string>& args) {
  Result<ReplicationGateOptions> options = ParseGateOptions(context, args);
  if (!options) {
    context.err << "rapport-index replication-gate: " << options.error().message << "\n";
    return 2;
  }
  Result<ReplicationGate> gate = ReplicationGate::Listen(options.value(), context.err);
  if (!gate) {
    context.err << "rapport-index replication-gate: " << gate.error().message << "\n";
    return 1;
  }
  context.err << "rapport-index replication-gate: listening on " << options.value().listen.host
              << ":" << gate.value().port() << ", forwarding to " << options.value().upstream.host
              << ":" << options.value().upstream.port << "\n";
  context.err.flush();
  const Status served = gate.value().Serve();
  context.err << "rapport-index replication-gate: " << served.error().message << "\n";
  return 1;
}

}  // namespace rapport
