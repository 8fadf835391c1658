package org.clientele.crm.datagen;

import java.text.Normalizer;
import java.util.Locale;
import java.util.SplittableRandom;

/** Countries with their languages, currencies, names, streets, cities and email providers. */
final class Geo {

  private Geo() {}

  record Address(String line1, String line2, String postalCode, String city, String region, String country) {}

  record Country(String code, double share, String[] languages, double[] languageShares, String currency,
      int postalDigits, String[] given, String[] family, String[] streets, String[][] cities, String[] domains) {

    String language(SplittableRandom r) {
      double u = r.nextDouble();
      for (int i = 0; i < languages.length; i++) {
        u -= languageShares[i];
        if (u < 0) {
          return languages[i];
        }
      }
      return languages[0];
    }
  }

  private static final String[] GIVEN_DE = {"Anna", "Lena", "Marie", "Sophie", "Laura", "Julia", "Hannah", "Lea",
    "Katharina", "Sabine", "Ursula", "Monika", "Petra", "Jürgen", "Thomas", "Michael", "Andreas", "Stefan", "Frank",
    "Lukas", "Leon", "Jonas", "Felix", "Maximilian", "Paul", "Tim", "Jan", "Niklas", "Özlem", "Mehmet", "Björn",
    "Sören", "Karin", "Claudia", "Günter", "Renate"};
  private static final String[] FAMILY_DE = {"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer",
    "Wagner", "Becker", "Schulz", "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder",
    "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt", "Werner",
    "Krause", "Meier", "Lehmann", "Yılmaz", "Kaya", "Nowak", "Kowalski", "Huber", "Gruber"};
  private static final String[] GIVEN_FR = {"Camille", "Léa", "Manon", "Chloé", "Emma", "Inès", "Sarah", "Julie",
    "Nathalie", "Isabelle", "Hugo", "Lucas", "Louis", "Gabriel", "Arthur", "Nicolas", "Julien", "Pierre", "Antoine",
    "Théo", "François", "Céline", "Amélie", "Jérôme"};
  private static final String[] FAMILY_FR = {"Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit",
    "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefèbvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
    "Vincent", "Fournier", "Morel", "Girard", "André", "Mercier"};
  private static final String[] GIVEN_NL = {"Emma", "Julia", "Sanne", "Lotte", "Fleur", "Daan", "Sem", "Lucas",
    "Bram", "Jesse", "Thijs", "Ruben", "Anouk", "Femke", "Pieter", "Joost"};
  private static final String[] FAMILY_NL = {"de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker",
    "Janssen", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters"};
  private static final String[] GIVEN_EN = {"Olivia", "Amelia", "Isla", "Ava", "Emily", "Sophia", "Grace", "Mia",
    "Charlotte", "Jessica", "Oliver", "George", "Harry", "Jack", "Jacob", "Noah", "Charlie", "Thomas", "James",
    "William", "Daniel", "Michael", "Sarah", "Jennifer", "David", "Robert", "Mary", "Linda", "Chris", "Ashley"};
  private static final String[] FAMILY_EN = {"Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans",
    "Wilson", "Thomas", "Johnson", "Roberts", "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards",
    "Hughes", "Green", "Hall", "Miller", "Davis", "Garcia", "Rodriguez", "Martinez", "Anderson", "O'Brien",
    "Murphy", "Patel", "Nguyen"};
  private static final String[] GIVEN_IT = {"Giulia", "Sofia", "Aurora", "Alice", "Ginevra", "Francesca", "Chiara",
    "Leonardo", "Francesco", "Alessandro", "Lorenzo", "Mattia", "Andrea", "Marco", "Giuseppe", "Niccolò"};
  private static final String[] FAMILY_IT = {"Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano",
    "Colombo", "Ricci", "Marino", "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa"};

  private static final Country[] COUNTRIES = {
    new Country("DE", 0.46, new String[] {"de-DE", "de", "en", "tr"}, new double[] {0.8, 0.1, 0.06, 0.04}, "EUR", 5,
        GIVEN_DE, FAMILY_DE, new String[] {"Hauptstraße", "Bahnhofstraße", "Gartenweg", "Schulstraße", "Dorfstraße",
          "Lindenallee", "Bergstraße", "Kirchplatz", "Am Markt", "Goethestraße", "Ringstraße"},
        new String[][] {{"Berlin", "BE"}, {"Hamburg", "HH"}, {"München", "BY"}, {"Köln", "NW"},
          {"Frankfurt am Main", "HE"}, {"Stuttgart", "BW"}, {"Düsseldorf", "NW"}, {"Leipzig", "SN"},
          {"Dortmund", "NW"}, {"Bremen", "HB"}, {"Dresden", "SN"}, {"Hannover", "NI"}, {"Nürnberg", "BY"},
          {"Freiburg im Breisgau", "BW"}, {"Rostock", "MV"}},
        new String[] {"gmail.com", "web.de", "gmx.de", "t-online.de", "outlook.com", "yahoo.de", "icloud.com",
          "posteo.de"}),
    new Country("AT", 0.07, new String[] {"de-AT", "de"}, new double[] {0.85, 0.15}, "EUR", 4, GIVEN_DE, FAMILY_DE,
        new String[] {"Hauptplatz", "Kärntner Straße", "Mariahilfer Straße", "Linzer Gasse", "Schulgasse"},
        new String[][] {{"Wien", "9"}, {"Graz", "6"}, {"Linz", "4"}, {"Salzburg", "5"}, {"Innsbruck", "7"}},
        new String[] {"gmx.at", "gmail.com", "aon.at", "outlook.com", "chello.at"}),
    new Country("CH", 0.07, new String[] {"de-CH", "fr-CH", "it-CH"}, new double[] {0.65, 0.27, 0.08}, "CHF", 4,
        GIVEN_DE, FAMILY_DE, new String[] {"Bahnhofstrasse", "Seestrasse", "Rue du Rhône", "Dorfstrasse"},
        new String[][] {{"Zürich", "ZH"}, {"Genève", "GE"}, {"Basel", "BS"}, {"Bern", "BE"}, {"Lausanne", "VD"}},
        new String[] {"bluewin.ch", "gmail.com", "gmx.ch", "sunrise.ch", "outlook.com"}),
    new Country("FR", 0.10, new String[] {"fr-FR", "fr"}, new double[] {0.9, 0.1}, "EUR", 5, GIVEN_FR, FAMILY_FR,
        new String[] {"rue de la Paix", "avenue Victor Hugo", "rue de la République", "boulevard Voltaire",
          "place de la Gare"},
        new String[][] {{"Paris", "IDF"}, {"Lyon", "ARA"}, {"Marseille", "PAC"}, {"Toulouse", "OCC"},
          {"Nantes", "PDL"}, {"Lille", "HDF"}},
        new String[] {"orange.fr", "free.fr", "gmail.com", "laposte.net", "sfr.fr", "hotmail.fr"}),
    new Country("NL", 0.06, new String[] {"nl-NL", "nl", "en"}, new double[] {0.85, 0.1, 0.05}, "EUR", 4, GIVEN_NL,
        FAMILY_NL, new String[] {"Dorpsstraat", "Kerkstraat", "Schoolstraat", "Molenweg", "Stationsweg"},
        new String[][] {{"Amsterdam", "NH"}, {"Rotterdam", "ZH"}, {"Utrecht", "UT"}, {"Eindhoven", "NB"}},
        new String[] {"gmail.com", "ziggo.nl", "kpnmail.nl", "hotmail.com", "outlook.com"}),
    new Country("GB", 0.10, new String[] {"en-GB", "en"}, new double[] {0.9, 0.1}, "GBP", 0, GIVEN_EN, FAMILY_EN,
        new String[] {"High Street", "Station Road", "Church Lane", "Victoria Road", "Park Avenue", "Mill Lane"},
        new String[][] {{"London", "LND"}, {"Manchester", "MAN"}, {"Birmingham", "BIR"}, {"Leeds", "LDS"},
          {"Glasgow", "GLG"}, {"Bristol", "BST"}},
        new String[] {"gmail.com", "hotmail.co.uk", "yahoo.co.uk", "outlook.com", "btinternet.com", "icloud.com"}),
    new Country("US", 0.08, new String[] {"en-US", "es-US"}, new double[] {0.9, 0.1}, "USD", 5, GIVEN_EN, FAMILY_EN,
        new String[] {"Main Street", "Oak Street", "Maple Avenue", "Washington Street", "Elm Street"},
        new String[][] {{"New York", "NY"}, {"Chicago", "IL"}, {"Austin", "TX"}, {"Seattle", "WA"},
          {"Boston", "MA"}, {"Denver", "CO"}},
        new String[] {"gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "icloud.com", "aol.com"}),
    new Country("IT", 0.06, new String[] {"it-IT", "it"}, new double[] {0.9, 0.1}, "EUR", 5, GIVEN_IT, FAMILY_IT,
        new String[] {"Via Roma", "Via Garibaldi", "Corso Italia", "Via Dante", "Piazza del Popolo"},
        new String[][] {{"Roma", "RM"}, {"Milano", "MI"}, {"Napoli", "NA"}, {"Torino", "TO"}, {"Firenze", "FI"}},
        new String[] {"gmail.com", "libero.it", "virgilio.it", "hotmail.it", "alice.it"}),
  };

  static Country country(SplittableRandom r) {
    double u = r.nextDouble();
    for (Country c : COUNTRIES) {
      u -= c.share();
      if (u < 0) {
        return c;
      }
    }
    return COUNTRIES[0];
  }

  static Country country(String code) {
    for (Country c : COUNTRIES) {
      if (c.code().equals(code)) {
        return c;
      }
    }
    return COUNTRIES[0];
  }

  static int taxPercent(String country) {
    return switch (country) {
      case "DE" -> 19;
      case "AT", "FR", "GB" -> 20;
      case "CH" -> 8;
      case "NL" -> 21;
      case "IT" -> 22;
      case "US" -> 7;
      default -> 19;
    };
  }

  static Address address(SplittableRandom r, Country c) {
    String[] city = c.cities()[r.nextInt(c.cities().length)];
    String street = c.streets()[r.nextInt(c.streets().length)];
    int number = 1 + (int) Math.min(250, exponential(r, 25));
    String line1 = switch (c.code()) {
      case "FR", "GB", "US" -> number + " " + street;
      default -> street + " " + number;
    };
    String line2 = r.nextDouble() < 0.08 ? (c.code().equals("US") ? "Apt " : "c/o ") + (1 + r.nextInt(40)) : null;
    String postal;
    if (c.code().equals("GB")) {
      postal = (char) ('A' + r.nextInt(26)) + "" + (char) ('A' + r.nextInt(26)) + (1 + r.nextInt(20)) + " "
          + r.nextInt(10) + (char) ('A' + r.nextInt(26)) + (char) ('A' + r.nextInt(26));
    } else {
      int bound = (int) Math.pow(10, c.postalDigits());
      int min = bound / 10;
      postal = Integer.toString(min + r.nextInt(bound - min));
    }
    return new Address(line1, line2, postal, city[0], city[1], c.code());
  }

  /** A plausible address, unique by the profile index at its end (names never contain digits). */
  static String email(SplittableRandom r, String given, String family, int k, Country c) {
    String g = ascii(given);
    String f = ascii(family);
    String local = switch (r.nextInt(6)) {
      case 0 -> g + "." + f;
      case 1 -> g.charAt(0) + f;
      case 2 -> g + f;
      case 3 -> f + "." + g;
      case 4 -> g + "_" + f.charAt(0);
      default -> g + "." + f.charAt(0);
    };
    String domain = c.domains()[Math.min(c.domains().length - 1, (int) exponential(r, 1.6))];
    return local + k + "@" + domain;
  }

  /** The same person's other address: another provider, a sub-address, or the provider's other domain. */
  static String variant(SplittableRandom r, String email) {
    int at = email.indexOf('@');
    String local = email.substring(0, at);
    String domain = email.substring(at + 1);
    double u = r.nextDouble();
    if (u < 0.5) {
      String other = domain.equals("gmail.com") ? "googlemail.com" : domain.equals("outlook.com") ? "hotmail.com"
          : "gmail.com";
      return local + "@" + other;
    }
    if (u < 0.8) {
      return local + "+shop@" + domain;
    }
    return local.replace(".", "") + "x@" + domain;
  }

  static String ascii(String name) {
    String s = name.toLowerCase(Locale.ROOT).replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
        .replace("ß", "ss").replace("ı", "i");
    s = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    return s.replaceAll("[^a-z]", "");
  }

  private static double exponential(SplittableRandom r, double mean) {
    return -Math.log(1 - r.nextDouble()) * mean;
  }
}
