package org.clientele.crm.datagen;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A product catalogue of 2,000 items: category, name and a log-normal price (median by category), picked by
 * Zipf-like popularity (exponent 1.1), so a few products make most of the lines.
 */
final class Catalogue {

  record Product(String sku, String name, String category, long priceCents) {}

  private static final String[] CATEGORIES = {"kitchen", "home", "garden", "apparel", "shoes", "beauty", "toys",
    "books", "electronics", "sports"};
  private static final double[] MEDIAN = {22, 35, 28, 39, 69, 18, 25, 14, 89, 45};
  private static final String[] ADJECTIVES = {"Classic", "Organic", "Compact", "Deluxe", "Everyday", "Nordic",
    "Vintage", "Smart", "Soft", "Premium", "Travel", "Mini"};
  private static final String[][] NOUNS = {
    {"Teapot", "Knife Set", "Frying Pan", "Mug", "Cutting Board"},
    {"Cushion", "Throw", "Lamp", "Vase", "Candle"},
    {"Watering Can", "Planter", "Hose", "Seed Kit", "Gloves"},
    {"T-Shirt", "Sweater", "Jacket", "Scarf", "Jeans"},
    {"Sneakers", "Boots", "Sandals", "Loafers", "Slippers"},
    {"Face Cream", "Shampoo", "Lip Balm", "Perfume", "Soap"},
    {"Puzzle", "Building Set", "Plush Bear", "Board Game", "Kite"},
    {"Cookbook", "Novel", "Travel Guide", "Notebook", "Atlas"},
    {"Headphones", "Speaker", "Charger", "Smartwatch", "E-Reader"},
    {"Yoga Mat", "Water Bottle", "Running Belt", "Dumbbells", "Tennis Balls"},
  };

  private final Product[] products;
  private final double[] cumulative;

  Catalogue(SplittableRandom r) {
    int n = 2000;
    products = new Product[n];
    cumulative = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      int c = r.nextInt(CATEGORIES.length);
      String name = ADJECTIVES[r.nextInt(ADJECTIVES.length)] + " " + NOUNS[c][r.nextInt(NOUNS[c].length)];
      double g = Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
      long cents = Math.max(199, Math.round(MEDIAN[c] * Math.exp(0.7 * g)) * 100 - 1);
      products[i] = new Product(String.format(Locale.ROOT, "%s-%04d", CATEGORIES[c].substring(0, 3).toUpperCase(
          Locale.ROOT), i), name, CATEGORIES[c], cents);
      sum += 1 / Math.pow(i + 1, 1.1);
      cumulative[i] = sum;
    }
    for (int i = 0; i < n; i++) {
      cumulative[i] /= sum;
    }
  }

  Product pick(SplittableRandom r) {
    int i = Arrays.binarySearch(cumulative, r.nextDouble());
    return products[Math.min(products.length - 1, i < 0 ? -i - 1 : i)];
  }
}
