#pragma once

#include <string>
#include <vector>

namespace sala::store {

// Short lists kept in one text column, one item per line (a site's origins,
// the tokens a comment taught the spam filter). Items never hold a newline.
std::string join_lines(const std::vector<std::string>& items);
// Empty lines are skipped.
std::vector<std::string> split_lines(const std::string& text);

}  // namespace sala::store
