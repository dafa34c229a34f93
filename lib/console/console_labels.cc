#include "console/console_labels.h"

namespace passwd {

std::string AccountCategoryLabel(const std::string& category) {
  if (category == "individual") return "個人";
  if (category == "role") return "役職";
  if (category == "business") return "業務";
  if (category == "admin") return "管理";
  if (category == "group") return "団体";
  return category;
}

std::string AuditEventLabel(const std::string& event) {
  static const struct {
    const char* event;
    const char* label;
  } kLabels[] = {
      {"code_sent", "アクセスコード送信"},
      {"code_wrong", "アクセスコード誤入力"},
      {"code_locked", "アクセスコードロック"},
      {"code_expired", "アクセスコード期限切れ"},
      {"code_verified", "アクセスコード確認"},
      {"code_refused", "アクセスコード入力拒否"},
      {"send_refused", "アクセスコード送信失敗"},
      {"password_changed", "パスワード更新"},
      {"password_refused", "パスワード更新拒否"},
      {"password_synced", "パスワード配信"},
      {"password_sync_failed", "パスワード配信失敗"},
      {"delivery_retry_requested", "パスワード配信の再試行指示"},
      {"operator_request", "オペレータへの申請"},
      {"operator_request_refused", "オペレータへの申請拒否"},
      {"not_me", "身に覚えなしの連絡"},
      {"not_me_refused", "身に覚えなしの連絡拒否"},
      {"admin_login", "オペレータログイン"},
      {"admin_login_failed", "オペレータログイン失敗"},
      {"admin_login_locked", "オペレータロック"},
      {"admin_login_refused", "オペレータログイン拒否"},
      {"admin_logout", "オペレータログアウト"},
      {"admin_session_ended", "オペレータセッション終了"},
      {"admin_not_found", "存在しない対象への操作"},
      {"admin_forbidden", "拒否された操作"},
      {"request_taken", "申請の担当"},
      {"request_link_sent", "アクセスコード送信用リンク送付"},
      {"request_note", "メモ追加"},
      {"request_rejected", "申請の却下"},
      {"request_closed", "申請の完了"},
      {"operator_link_used", "リンクからのアクセスコード送信"},
      {"operator_link_refused", "無効なリンク"},
      {"address_change_proposed", "登録アドレス変更の提案"},
      {"address_change_approved", "登録アドレス変更の承認"},
      {"address_change_rejected", "登録アドレス変更の却下"},
      {"address_change_refused", "登録アドレス変更の承認不可"},
      {"operator_created", "オペレータ登録"},
      {"operator_updated", "オペレータ更新"},
      {"operator_disabled", "オペレータ無効化"},
      {"operator_enabled", "オペレータ有効化"},
  };
  for (const auto& entry : kLabels) {
    if (event == entry.event) return entry.label;
  }
  return event;
}

const char* OperatorNoteKindLabel(OperatorNoteKind kind) {
  switch (kind) {
    case OperatorNoteKind::kRejection:
      return "却下の理由";
    case OperatorNoteKind::kClosing:
      return "完了時のメモ";
    case OperatorNoteKind::kNote:
      break;
  }
  return "メモ";
}

}  // namespace passwd
