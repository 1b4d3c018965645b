// `rapport-admin editors create|disable|reset-password|list` (admin_commands.h).
#include <string>
#include <vector>

#include "admin_commands.h"
#include "editor_accounts.h"
#include "password_prompt.h"

namespace rapport {
namespace {

constexpr const char* kEditorsUsage =
    "usage: rapport-admin editors create --email E --role admin|editor  (password on stdin)\n"
    "       rapport-admin editors disable EMAIL\n"
    "       rapport-admin editors reset-password EMAIL                   (password on stdin)\n"
    "       rapport-admin editors list\n";

int Fail(const AdminContext& context, const Error& error) {
  context.err << "rapport-admin editors: " << error.message << "\n";
  return kExitFailure;
}

int Usage(const AdminContext& context) {
  context.err << kEditorsUsage;
  return kExitUsage;
}

int Create(const AdminContext& context, AccountStore& accounts,
           const std::vector<std::string>& args) {
  std::string email, role_name;
  for (size_t i = 1; i + 1 < args.size(); i += 2) {
    if (args[i] == "--email") {
      email = args[i + 1];
    } else if (args[i] == "--role") {
      role_name = args[i + 1];
    } else {
      return Usage(context);
    }
  }
  const auto role = ParseRole(role_name);
  if (email.empty() || !role || args.size() % 2 == 0) return Usage(context);
  const auto password = ReadPassword(context.in, context.err, "Password for " + email + ": ");
  if (!password) return Fail(context, Error::BadParameter("password", "no password on stdin"));
  auto editor = accounts.Create(email, *role, *password);
  if (!editor) return Fail(context, editor.error());
  context.out << "created " << RoleName(editor.value().role) << " " << editor.value().email
              << " (id " << editor.value().id << ")\n";
  return kExitOk;
}

int ResetPassword(const AdminContext& context, AccountStore& accounts, const std::string& email) {
  const auto password = ReadPassword(context.in, context.err, "New password for " + email + ": ");
  if (!password) return Fail(context, Error::BadParameter("password", "no password on stdin"));
  if (Status ok = accounts.ResetPassword(email, *password); !ok) return Fail(context, ok.error());
  context.out << "password reset for " << email << "; their sessions are ended\n";
  return kExitOk;
}

int List(const AdminContext& context, AccountStore& accounts) {
  auto editors = accounts.List();
  if (!editors) return Fail(context, editors.error());
  for (const Editor& editor : editors.value()) {
    context.out << editor.id << "\t" << editor.email << "\t" << RoleName(editor.role) << "\t"
                << (editor.disabled ? "disabled" : "active") << "\t" << editor.created_at << "\n";
  }
  return kExitOk;
}

}  // namespace

int RunEditorsCommand(const AdminContext& context, const std::vector<std::string>& args) {
  if (args.empty() || args[0] == "--help") return Usage(context);
  auto accounts = AccountStore::Open(context.data_dir.StorePath());
  if (!accounts) return Fail(context, accounts.error());
  AccountStore& store = *accounts.value();
  const std::string& sub = args[0];
  if (sub == "create") return Create(context, store, args);
  if (sub == "list" && args.size() == 1) return List(context, store);
  if (sub == "reset-password" && args.size() == 2) return ResetPassword(context, store, args[1]);
  if (sub == "disable" && args.size() == 2) {
    if (Status ok = store.Disable(args[1]); !ok) return Fail(context, ok.error());
    context.out << "disabled " << args[1] << "; their sessions and tokens no longer work\n";
    return kExitOk;
  }
  return Usage(context);
}

}  // namespace rapport
