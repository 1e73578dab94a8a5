package dev.caprune.select;

import java.util.Map;

/**
 * One file of a version, as ListPackageVersionAssets shows it.
 *
 * @param name the file name
 * @param size its size in bytes, or null where the service gave none
 * @param hashes hex digests by algorithm ({@code SHA-256}, {@code SHA-1}, {@code MD5}, {@code
 *     SHA-512}), as the service gave them; may be empty
 */
public record Asset(String name, Long size, Map<String, String> hashes) {
  public Asset {
    hashes = hashes == null ? Map.of() : Map.copyOf(hashes);
  }

  /**
   * What identifies the stored file within a domain (which stores each file once however many
   * repositories hold it): its strongest hash, else its name and size.
   */
  public String identity() {
    for (String alg : new String[] {"SHA-512", "SHA-256", "SHA-1", "MD5"}) {
      String h = hashes.get(alg);
      if (h != null && !h.isEmpty()) {
        return alg + ":" + h;
      }
    }
    return "name:" + name + ":" + size;
  }
}
