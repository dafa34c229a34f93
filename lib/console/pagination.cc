#include "console/pagination.h"

#include <cstdio>

#include "base/catalogue.h"
#include "console/record_id.h"
#include "web/page.h"

namespace passwd {
namespace {

// Percent-encodes a query value (RFC 3986 unreserved characters kept).
std::string QueryEscape(const std::string& text) {
  std::string out;
  for (unsigned char c : text) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
        (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
        c == '~') {
      out += static_cast<char>(c);
    } else {
      char hex[4];
      std::snprintf(hex, sizeof hex, "%%%02X", c);
      out += hex;
    }
  }
  return out;
}

}  // namespace

PageRequest ReadPageRequest(const Request& request) {
  PageRequest page;
  page.newest_first = request.Query("order") != "oldest";
  int64_t id = 0;
  if (ParseRecordId(request.Query("before"), &id)) {
    page.anchor_id = id;
    page.backwards = true;
  } else if (ParseRecordId(request.Query("after"), &id)) {
    page.anchor_id = id;
  } else if (request.Query("page") == "last") {
    page.backwards = true;
  }
  return page;
}

void FillPageLinks(
    ctemplate::TemplateDictionary* dict, const PageLinks& links,
    const std::string& path,
    const std::vector<std::pair<std::string, std::string>>& filter) {
  std::string base = path + "?";
  for (const auto& [name, value] : filter) {
    if (!value.empty()) base += name + "=" + QueryEscape(value) + "&";
  }
  base += links.newest_first ? "order=newest" : "order=oldest";

  auto* order = dict->AddIncludeDictionary("LIST_ORDER");
  order->SetFilename(LocalizedTemplate(Lang::kJa, "admin_list_order.tpl"));
  order->ShowSection(links.newest_first ? "NEWEST" : "OLDEST");

  auto* nav = dict->AddIncludeDictionary("PAGINATION");
  nav->SetFilename(LocalizedTemplate(Lang::kJa, "admin_pagination.tpl"));
  nav->SetValue(
      "ORDER_LABEL",
      ConsoleText(links.newest_first ? "order_newest" : "order_oldest"));
  if (links.has_previous) {
    nav->ShowSection("HAS_PREVIOUS");
    nav->SetValue("FIRST_URL", base);
    nav->SetValue("PREVIOUS_URL",
                  base + "&before=" + std::to_string(links.first_id));
  }
  if (links.has_next) {
    nav->ShowSection("HAS_NEXT");
    nav->SetValue("NEXT_URL", base + "&after=" + std::to_string(links.last_id));
    nav->SetValue("LAST_URL", base + "&page=last");
  }
}

}  // namespace passwd
