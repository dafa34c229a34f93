// Keyset ("seek") pagination for the console's lists: newest or oldest
// first, a page of kPageRows rows at a time, with links to the first, the
// previous, the next and the last page (docs/design.md "Console lists").
//
// A list page uses it in four steps:
//   1. ReadPageRequest(request) reads the URL's order, anchor and direction:
//        order=newest|oldest  the list's order (newest when absent or bad)
//        after=ID             the rows after row ID (the next page)
//        before=ID            the rows before row ID (the previous page)
//        page=last            the list's last page
//   2. The page's store function reads kReadRows rows in reading order
//      (the list's order, reversed when `backwards`) from `anchor_id`, the
//      way store/audit_history's SearchAuditLog and store/operator_requests'
//      ListOperatorRequestPage do: one constant statement per order and
//      direction, each "... AND (? = 0 OR key < anchor key) ORDER BY key
//      LIMIT ?" along an index.
//   3. TakePage(page_request, &rows, &ids) trims the read to the page, puts
//      it in the list's order and says which links the page gets.
//   4. FillPageLinks(dict, links, path, filter) renders the links: the
//      page template includes {{>PAGINATION}} where they go, and
//      {{>LIST_ORDER}} inside its filter form for the order control
//      (templates/admin_pagination.tpl, templates/admin_list_order.tpl).
#ifndef PASSWD_LIB_CONSOLE_PAGINATION_H_
#define PASSWD_LIB_CONSOLE_PAGINATION_H_

#include <ctemplate/template.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "web/request.h"

namespace passwd {

// Rows on one page; a store function reads one more to know whether there
// are more.
inline constexpr int64_t kPageRows = 50;
inline constexpr int64_t kReadRows = kPageRows + 1;

// What the URL asks of a list.
struct PageRequest {
  bool newest_first = true;
  int64_t anchor_id = 0;   // 0: from the list's start (end if backwards)
  bool backwards = false;  // before=ID or page=last
};

// Reads order, after, before and page; anything unreadable counts as
// absent (the first page, newest first).
PageRequest ReadPageRequest(const Request& request);

// The links a page gets, and the anchors they carry.
struct PageLinks {
  bool newest_first = true;
  bool has_previous = false;
  bool has_next = false;
  int64_t first_id = 0;  // the page's first row, the previous link's anchor
  int64_t last_id = 0;   // the page's last row, the next link's anchor
};

// Trims a read of up to kReadRows `rows` (with their ids in `ids`, same
// order) to the page, in the list's order.
template <typename Row>
PageLinks TakePage(const PageRequest& asked, std::vector<Row>* rows,
                   std::vector<int64_t>* ids) {
  PageLinks links;
  links.newest_first = asked.newest_first;
  const bool more = ids->size() > static_cast<size_t>(kPageRows);
  if (more) {
    rows->resize(kPageRows);
    ids->resize(kPageRows);
  }
  if (asked.backwards) {
    std::reverse(rows->begin(), rows->end());
    std::reverse(ids->begin(), ids->end());
    links.has_previous = more;
    links.has_next = asked.anchor_id != 0;
  } else {
    links.has_next = more;
    links.has_previous = asked.anchor_id != 0;
  }
  if (!ids->empty()) {
    links.first_id = ids->front();
    links.last_id = ids->back();
  }
  return links;
}

// Renders the PAGINATION include (first, previous, next, last links under
// `path` with the list's `filter` parameters and order) and the LIST_ORDER
// include (the order select of the filter form) into `dict`. Empty filter
// values are left out of the links.
void FillPageLinks(
    ctemplate::TemplateDictionary* dict, const PageLinks& links,
    const std::string& path,
    const std::vector<std::pair<std::string, std::string>>& filter);

}  // namespace passwd

#endif  // PASSWD_LIB_CONSOLE_PAGINATION_H_
