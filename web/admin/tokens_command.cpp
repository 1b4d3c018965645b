// `rapport-admin tokens create|list|revoke`: bearer tokens for editor scripts
// (admin_commands.h).
#include <string>
#include <vector>

#include "admin_commands.h"
#include "editor_accounts.h"

namespace rapport {
namespace {

constexpr const char* kTokensUsage =
    "usage: rapport-admin tokens create --email E --name NAME   (prints the token once)\n"
    "       rapport-admin tokens list\n"
    "       rapport-admin tokens revoke ID\n";

int Fail(const AdminContext& context, const Error& error) {
  context.err << "rapport-admin tokens: " << error.message << "\n";
  return kExitFailure;
}

int Usage(const AdminContext& context) {
  context.err << kTokensUsage;
  return kExitUsage;
}

int Create(const AdminContext& context, AccountStore& accounts,
           const std::vector<std::string>& args) {
  std::string email, name;
  if (args.size() != 5) return Usage(context);
  for (size_t i = 1; i + 1 < args.size(); i += 2) {
    if (args[i] == "--email") {
      email = args[i + 1];
    } else if (args[i] == "--name") {
      name = args[i + 1];
    } else {
      return Usage(context);
    }
  }
  auto token = accounts.CreateToken(email, name);
  if (!token) return Fail(context, token.error());
  // The only line on stdout, so scripts can capture it; it is never shown again.
  context.out << token.value() << "\n";
  context.err << "token \"" << name << "\" for " << email
              << " created; store it now, it cannot be shown again\n";
  return kExitOk;
}

int List(const AdminContext& context, AccountStore& accounts) {
  auto tokens = accounts.ListTokens();
  if (!tokens) return Fail(context, tokens.error());
  for (const EditorToken& token : tokens.value()) {
    context.out << token.id << "\t" << token.email << "\t" << token.name << "\t" << token.created_at
                << "\t" << (token.revoked_at.empty() ? "active" : "revoked " + token.revoked_at)
                << "\n";
  }
  return kExitOk;
}

int Revoke(const AdminContext& context, AccountStore& accounts, const std::string& id_text) {
  int64_t id = 0;
  try {
    size_t used = 0;
    id = std::stoll(id_text, &used);
    if (used != id_text.size()) return Usage(context);
  } catch (const std::exception&) {
    return Usage(context);
  }
  if (Status ok = accounts.RevokeToken(id); !ok) return Fail(context, ok.error());
  context.out << "revoked token " << id << "\n";
  return kExitOk;
}

}  // namespace

int RunTokensCommand(const AdminContext& context, const std::vector<std::string>& args) {
  if (args.empty() || args[0] == "--help") return Usage(context);
  auto accounts = AccountStore::Open(context.data_dir.StorePath());
  if (!accounts) return Fail(context, accounts.error());
  const std::string& sub = args[0];
  if (sub == "create") return Create(context, *accounts.value(), args);
  if (sub == "list" && args.size() == 1) return List(context, *accounts.value());
  if (sub == "revoke" && args.size() == 2) return Revoke(context, *accounts.value(), args[1]);
  return Usage(context);
}

}  // namespace rapport
