// EditorServices: everything the editor API needs, opened once at server
// start: the profile store, accounts, sessions, the login throttle, the gate
// of password checks, the vocabularies the validator checks against, and the
// index updater thread (the server's one index writer). rapport_server_main.cpp builds it and
// installs it for the handlers; handlers find it with EditorServicesOf.
#pragma once

#include <memory>
#include <string>

#include "compacts.h"
#include "data_dir.h"
#include "editor_accounts.h"
#include "editor_config.h"
#include "error.h"
#include "index_updater.h"
#include "login_throttle.h"
#include "password_check_gate.h"
#include "profile_store.h"
#include "profile_validator.h"
#include "session_store.h"
#include "stale_profiles.h"
#include "vocabulary.h"

namespace rapport {

class ServerState;

class EditorServices {
 public:
  // Opens the store in `data_dir` and loads vocab.json and compacts.json from
  // `data_files_dir`. 500 Error if any of them cannot be opened.
  static Result<std::unique_ptr<EditorServices>> Open(const DataDir& data_dir,
                                                      const std::string& data_files_dir,
                                                      EditorConfig config);
  ~EditorServices();

  // Catches the index up with the store, then starts the updater thread.
  // A catch-up failure is returned (and logged) but the thread keeps retrying.
  Status StartIndexUpdater();

  // A validator whose "now" is the current time.
  [[nodiscard]] ProfileValidator Validator() const;

  ProfileStore& profiles() { return *profiles_; }
  AccountStore& accounts() { return *accounts_; }
  SessionStore& sessions() { return *sessions_; }
  StaleProfiles& stale_profiles() { return *stale_profiles_; }
  LoginThrottle& login_throttle() { return login_throttle_; }
  PasswordCheckGate& password_checks() { return password_checks_; }
  const Compacts& compacts() const { return compacts_; }
  const EditorConfig& config() const { return config_; }
  const DataDir& data_dir() const { return data_dir_; }

 private:
  EditorServices(DataDir data_dir, EditorConfig config, Vocabulary vocabulary, Compacts compacts);

  DataDir data_dir_;
  EditorConfig config_;
  Vocabulary vocabulary_;
  Compacts compacts_;
  std::unique_ptr<ProfileStore> profiles_;
  std::unique_ptr<AccountStore> accounts_;
  std::unique_ptr<SessionStore> sessions_;
  std::unique_ptr<StaleProfiles> stale_profiles_;
  LoginThrottle login_throttle_;
  PasswordCheckGate password_checks_;
  std::unique_ptr<IndexUpdater> updater_;  // declared last: stopped first
};

// Makes `services` (owned by the caller, outliving the server) the editor
// services of `state`.
void InstallEditorServices(ServerState& state, EditorServices* services);

// The editor services of `state`; 503 "editor_api_unavailable" when none
// were installed (the server could not open them at start).
[[nodiscard]] Result<EditorServices*> EditorServicesOf(const ServerState& state);

}  // namespace rapport
