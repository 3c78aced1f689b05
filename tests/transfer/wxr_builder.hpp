#pragma once

#include <string>

// Small WXR documents for tests, written the way WordPress writes them.
namespace sala::transfer::wxr {

inline std::string comment(const std::string& id, const std::string& parent, const std::string& content,
                           const std::string& approved = "1", const std::string& type = "",
                           const std::string& date_gmt = "2020-01-02 03:04:05", const std::string& extra = "") {
  return "<wp:comment><wp:comment_id>" + id + "</wp:comment_id>"
         "<wp:comment_author><![CDATA[Reader " + id + "]]></wp:comment_author>"
         "<wp:comment_author_email>reader" + id + "@example.org</wp:comment_author_email>"
         "<wp:comment_author_IP>192.0.2.1</wp:comment_author_IP>"
         "<wp:comment_date>2020-01-02 10:04:05</wp:comment_date>"
         "<wp:comment_date_gmt>" + date_gmt + "</wp:comment_date_gmt>"
         "<wp:comment_content><![CDATA[" + content + "]]></wp:comment_content>"
         "<wp:comment_approved>" + approved + "</wp:comment_approved>"
         "<wp:comment_type>" + type + "</wp:comment_type>"
         "<wp:comment_parent>" + parent + "</wp:comment_parent>" + extra + "</wp:comment>";
}

inline std::string item(const std::string& post_id, const std::string& comments,
                        const std::string& status = "open") {
  return "<item><title>Post " + post_id + "</title><link>https://news.example/p/" + post_id + "/</link>"
         "<wp:post_id>" + post_id + "</wp:post_id><wp:post_date_gmt>2019-12-31 00:00:00</wp:post_date_gmt>"
         "<wp:comment_status>" + status + "</wp:comment_status><wp:post_type>post</wp:post_type>" +
         comments + "</item>";
}

inline std::string document(const std::string& items, const std::string& version = "1.2") {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" "
         "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:wp=\"http://wordpress.org/export/" + version + "/\">"
         "<channel><title>News</title><wp:wxr_version>" + version + "</wp:wxr_version>"
         "<wp:base_site_url>https://news.example/</wp:base_site_url>" + items + "</channel></rss>\n";
}

inline std::string meta(const std::string& key, const std::string& value) {
  return "<wp:commentmeta><wp:meta_key>" + key + "</wp:meta_key><wp:meta_value><![CDATA[" + value +
         "]]></wp:meta_value></wp:commentmeta>";
}

}  // namespace sala::transfer::wxr
