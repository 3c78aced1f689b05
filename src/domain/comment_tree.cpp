#include "domain/comment_tree.hpp"

#include <algorithm>
#include <unordered_map>
#include <utility>

namespace sala {
namespace {

struct Node {
  Comment comment;
  std::vector<std::size_t> children;
  bool is_visible = false;
};

// Marks every node that is approved or has an approved descendant. Children
// come after parents in `order` (a pre-order walk), so one reverse pass suffices.
void mark_visible(std::vector<Node>& nodes, const std::vector<std::size_t>& order) {
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    Node& node = nodes[*it];
    node.is_visible = node.comment.state == CommentState::approved ||
                      std::any_of(node.children.begin(), node.children.end(),
                                  [&](std::size_t c) { return nodes[c].is_visible; });
  }
}

DisplayedComment display(Node& node, int depth) {
  const bool is_placeholder = node.comment.state != CommentState::approved;
  return {std::move(node.comment), depth, is_placeholder};
}

}  // namespace

std::vector<DisplayedRoot> arrange_thread(std::vector<Comment> top_level,
                                          std::vector<Comment> replies) {
  std::vector<Node> nodes;
  nodes.reserve(top_level.size() + replies.size());
  std::unordered_map<std::int64_t, std::size_t> index;
  for (auto* list : {&top_level, &replies}) {
    for (auto& c : *list) {
      index.emplace(c.id.value, nodes.size());
      nodes.push_back({std::move(c), {}, false});
    }
  }
  const std::size_t root_count = top_level.size();
  for (std::size_t i = root_count; i < nodes.size(); ++i) {
    const auto& parent = nodes[i].comment.parent;
    if (!parent) continue;
    auto it = index.find(parent->value);
    if (it != index.end() && it->second != i) nodes[it->second].children.push_back(i);
  }
  for (auto& node : nodes) {
    std::sort(node.children.begin(), node.children.end(), [&](std::size_t a, std::size_t b) {
      const auto& x = nodes[a].comment;
      const auto& y = nodes[b].comment;
      return std::pair(x.created, x.id) < std::pair(y.created, y.id);
    });
  }

  // Pre-order walk from each root with an explicit stack; `depths` follows it.
  std::vector<std::vector<std::pair<std::size_t, int>>> walks(root_count);
  std::vector<std::size_t> order;
  std::vector<char> seen(nodes.size(), 0);
  for (std::size_t r = 0; r < root_count; ++r) {
    std::vector<std::pair<std::size_t, int>> stack{{r, 0}};
    while (!stack.empty()) {
      auto [i, depth] = stack.back();
      stack.pop_back();
      if (seen[i]) continue;  // a cycle cannot be stored, but never loop if one were
      seen[i] = 1;
      walks[r].emplace_back(i, depth);
      order.push_back(i);
      const auto& children = nodes[i].children;
      for (auto it = children.rbegin(); it != children.rend(); ++it) stack.emplace_back(*it, depth + 1);
    }
  }
  mark_visible(nodes, order);

  std::vector<DisplayedRoot> out;
  for (std::size_t r = 0; r < root_count; ++r) {
    if (!nodes[r].is_visible) continue;
    DisplayedRoot root{display(nodes[r], 0), {}};
    for (std::size_t k = 1; k < walks[r].size(); ++k) {
      auto [i, depth] = walks[r][k];
      if (nodes[i].is_visible) root.replies.push_back(display(nodes[i], depth));
    }
    out.push_back(std::move(root));
  }
  return out;
}

}  // namespace sala
