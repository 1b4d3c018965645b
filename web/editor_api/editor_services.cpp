// Opening and finding the editor API's services (editor_services.h).
#include "editor_services.h"

#include <iostream>
#include <map>
#include <mutex>

#include "utc_time.h"

namespace rapport {
namespace {

std::mutex registry_mutex;
// One entry per server (one per process in practice); guarded by registry_mutex.
std::map<const ServerState*, EditorServices*>& Registry() {
  static std::map<const ServerState*, EditorServices*> registry;
  return registry;
}

}  // namespace

EditorServices::EditorServices(DataDir data_dir, EditorConfig config, Vocabulary vocabulary,
                               Compacts compacts)
    : data_dir_(std::move(data_dir)),
      config_(config),
      vocabulary_(std::move(vocabulary)),
      compacts_(std::move(compacts)),
      login_throttle_(config.login_throttle),
      password_checks_(config.password_checks) {}

EditorServices::~EditorServices() {
  if (!updater_) return;
  updater_->Stop();
  // How well writes shared fsyncs and index commits (docs/benchmarks.md).
  const WriteStats writes = profiles_->write_stats();
  const CommitLockCounts lock = updater_->commit_lock_counts();
  std::cerr << "rapport-server: store: " << writes.writes << " writes in " << writes.transactions
            << " transactions; index: " << updater_->rows_applied() << " outbox rows in "
            << updater_->commits() << " commits (" << lock.waited << " waited for the commit lock, "
            << lock.without_lock << " went ahead without it)\n";
}

Result<std::unique_ptr<EditorServices>> EditorServices::Open(const DataDir& data_dir,
                                                             const std::string& data_files_dir,
                                                             EditorConfig config) {
  auto vocabulary = Vocabulary::Load(data_files_dir + "/vocab.json");
  if (!vocabulary) return vocabulary.error();
  auto compacts = Compacts::Load(data_files_dir + "/compacts.json");
  if (!compacts) return compacts.error();
  std::unique_ptr<EditorServices> services(new EditorServices(
      data_dir, config, std::move(vocabulary).value(), std::move(compacts).value()));
  auto profiles = ProfileStore::Open(data_dir.StorePath());
  if (!profiles) return profiles.error();
  services->profiles_ = std::move(profiles).value();
  auto accounts = AccountStore::Open(data_dir.StorePath());
  if (!accounts) return accounts.error();
  services->accounts_ = std::move(accounts).value();
  auto sessions = SessionStore::Open(data_dir.StorePath(), config.sessions);
  if (!sessions) return sessions.error();
  services->sessions_ = std::move(sessions).value();
  auto stale = StaleProfiles::Open(data_dir.StorePath());
  if (!stale) return stale.error();
  services->stale_profiles_ = std::move(stale).value();
  services->updater_ =
      std::make_unique<IndexUpdater>(data_dir, services->vocabulary_, services->compacts_,
                                     *services->profiles_, config.index_updater);
  IndexUpdater* updater = services->updater_.get();
  services->profiles_->OnOutboxCommitted([updater] { updater->Notify(); });
  return services;
}

Status EditorServices::StartIndexUpdater() { return updater_->Start(); }

ProfileValidator EditorServices::Validator() const {
  return ProfileValidator(vocabulary_, compacts_, UtcNowSeconds());
}

void InstallEditorServices(ServerState& state, EditorServices* services) {
  std::lock_guard<std::mutex> lock(registry_mutex);
  Registry()[&state] = services;
}

Result<EditorServices*> EditorServicesOf(const ServerState& state) {
  std::lock_guard<std::mutex> lock(registry_mutex);
  auto it = Registry().find(&state);
  if (it == Registry().end() || it->second == nullptr) {
    return Error{503, "editor_api_unavailable", "the editor API is not available", ""};
  }
  return it->second;
}

}  // namespace rapport
