// Names: the lists behind InventName (see names.h). The lists mix the origins
// common in the US so that name search has realistic variety.
#include "names.h"

namespace rapport::generator {
namespace {

const char* const kFemaleNames[] = {
    "Maria",     "Jennifer", "Sarah",   "Jessica",  "Emily",    "Ashley",    "Amanda",
    "Rachel",    "Laura",    "Megan",   "Hannah",   "Olivia",   "Emma",      "Sophia",
    "Isabel",    "Camila",   "Lucia",   "Valeria",  "Gabriela", "Ana",       "Rosa",
    "Carmen",    "Daniela",  "Adriana", "Mei",      "Lin",      "Xiu",       "Yuna",
    "Ji-woo",    "Min-seo",  "Hana",    "Aiko",     "Priya",    "Ananya",    "Kavya",
    "Deepa",     "Meera",    "Fatima",  "Aisha",    "Layla",    "Noor",      "Yasmin",
    "Leila",     "Zainab",   "Amara",   "Imani",    "Keisha",   "Tanisha",   "Aaliyah",
    "Nia",       "Ebony",    "Grace",   "Claire",   "Natalie",  "Rebecca",   "Katherine",
    "Elizabeth", "Margaret", "Susan",   "Linda",    "Patricia", "Deborah",   "Karen",
    "Michelle",  "Nicole",   "Heather", "Amy",      "Melissa",  "Stephanie", "Lauren",
    "Allison",   "Julia",    "Abigail", "Madeline", "Chloe",    "Audrey",    "Naomi",
    "Ruth",      "Miriam",   "Esther",  "Leah",     "Tova",     "Ingrid",    "Astrid",
    "Freya",     "Siobhan",  "Niamh",   "Bridget",  "Colleen",  "Thuy",      "Linh",
    "Trang",     "Mai",      "Marisol", "Paloma",   "Ximena",   "Josefina",  "Beatriz",
    "Juliana",   "Nadia",    "Irina",   "Olga",     "Svetlana", "Katarzyna", "Agnieszka",
    "Francesca", "Giulia",   "Chiara",  "Amelie",   "Camille",  "Elodie",    "Ayesha",
    "Sana",      "Mariam",   "Dana",    "Tamar",    "Joy",      "Faith",     "Hope",
    "Wendy",     "Diane",    "Monica",  "Veronica"};

const char* const kMaleNames[] = {
    "James",       "Michael",  "David",   "Daniel",   "Matthew", "Andrew",  "Joshua",
    "Christopher", "Ryan",     "Brian",   "Kevin",    "Jason",   "Eric",    "Jonathan",
    "Nathan",      "Benjamin", "Samuel",  "Thomas",   "William", "Robert",  "Richard",
    "Charles",     "Joseph",   "Mark",    "Paul",     "Steven",  "Gregory", "Carlos",
    "Jose",        "Luis",     "Miguel",  "Juan",     "Diego",   "Javier",  "Alejandro",
    "Rafael",      "Fernando", "Mateo",   "Santiago", "Wei",     "Jian",    "Hao",
    "Ming",        "Jun",      "Min-jun", "Seo-jun",  "Hiroshi", "Kenji",   "Takeshi",
    "Arjun",       "Rohan",    "Vikram",  "Rahul",    "Sanjay",  "Amir",    "Omar",
    "Tariq",       "Yusuf",    "Karim",   "Hassan",   "Malik",   "Darnell", "Marcus",
    "Andre",       "Terrence", "Jamal",   "DeShawn",  "Isaiah",  "Elijah",  "Caleb",
    "Ethan",       "Noah",     "Liam",    "Owen",     "Henry",   "Jack",    "Lucas",
    "Aaron",       "Adam",     "Ari",     "Eli",      "Levi",    "Moshe",   "Sven",
    "Lars",        "Erik",     "Sean",    "Patrick",  "Declan",  "Minh",    "Tuan",
    "Duc",         "Quang",    "Pablo",   "Emilio",   "Tomas",   "Andres",  "Sergei",
    "Dmitri",      "Pavel",    "Tomasz",  "Piotr",    "Marco",   "Luca",    "Giovanni",
    "Pierre",      "Julien",   "Antoine", "Imran",    "Bilal",   "Yosef",   "Kofi",
    "Kwame",       "Emeka",    "Tunde",   "Gabriel",  "Victor",  "Hector",  "Raymond",
    "Dennis",      "Walter",   "Frank"};

const char* const kNeutralNames[] = {
    "Alex",  "Jordan",  "Taylor", "Morgan", "Casey",  "Riley",   "Jamie",   "Avery",
    "Quinn", "Rowan",   "Sage",   "River",  "Skyler", "Emerson", "Reese",   "Parker",
    "Drew",  "Cameron", "Robin",  "Kai",    "Ari",    "Remy",    "Sasha",   "Noel",
    "Jesse", "Dakota",  "Finley", "Hayden", "Blake",  "Charlie", "Frankie", "Sam",
    "Eden",  "Marlowe", "Ash",    "Ellis",  "Logan",  "Shawn",   "Tatum",   "Wren"};

const char* const kSurnames[] = {
    "Smith",      "Johnson",   "Williams",   "Brown",     "Jones",      "Garcia",     "Miller",
    "Davis",      "Rodriguez", "Martinez",   "Hernandez", "Lopez",      "Gonzalez",   "Wilson",
    "Anderson",   "Thomas",    "Taylor",     "Moore",     "Jackson",    "Martin",     "Lee",
    "Perez",      "Thompson",  "White",      "Harris",    "Sanchez",    "Clark",      "Ramirez",
    "Lewis",      "Robinson",  "Walker",     "Young",     "Allen",      "King",       "Wright",
    "Scott",      "Torres",    "Nguyen",     "Hill",      "Flores",     "Green",      "Adams",
    "Nelson",     "Baker",     "Hall",       "Rivera",    "Campbell",   "Mitchell",   "Carter",
    "Roberts",    "Gomez",     "Phillips",   "Evans",     "Turner",     "Diaz",       "Parker",
    "Cruz",       "Edwards",   "Collins",    "Reyes",     "Stewart",    "Morris",     "Morales",
    "Murphy",     "Cook",      "Rogers",     "Gutierrez", "Ortiz",      "Morgan",     "Cooper",
    "Peterson",   "Bailey",    "Reed",       "Kelly",     "Howard",     "Ramos",      "Kim",
    "Cox",        "Ward",      "Richardson", "Watson",    "Brooks",     "Chavez",     "Wood",
    "James",      "Bennett",   "Gray",       "Mendoza",   "Ruiz",       "Hughes",     "Price",
    "Alvarez",    "Castillo",  "Sanders",    "Patel",     "Myers",      "Long",       "Ross",
    "Foster",     "Jimenez",   "Powell",     "Jenkins",   "Perry",      "Russell",    "Sullivan",
    "Bell",       "Coleman",   "Butler",     "Henderson", "Barnes",     "Gonzales",   "Fisher",
    "Vasquez",    "Simmons",   "Romero",     "Jordan",    "Patterson",  "Alexander",  "Hamilton",
    "Graham",     "Reynolds",  "Griffin",    "Wallace",   "Moreno",     "West",       "Cole",
    "Hayes",      "Bryant",    "Herrera",    "Gibson",    "Ellis",      "Tran",       "Medina",
    "Aguilar",    "Stevens",   "Murray",     "Ford",      "Castro",     "Marshall",   "Owens",
    "Harrison",   "Fernandez", "McDonald",   "Woods",     "Washington", "Kennedy",    "Wells",
    "Vargas",     "Henry",     "Chen",       "Freeman",   "Webb",       "Tucker",     "Guzman",
    "Burns",      "Crawford",  "Olson",      "Simpson",   "Porter",     "Hunter",     "Gordon",
    "Mendez",     "Silva",     "Shaw",       "Snyder",    "Mason",      "Dixon",      "Munoz",
    "Hunt",       "Hicks",     "Holmes",     "Palmer",    "Wagner",     "Black",      "Robertson",
    "Boyd",       "Rose",      "Stone",      "Salazar",   "Fox",        "Warren",     "Mills",
    "Meyer",      "Rice",      "Schmidt",    "Garza",     "Daniels",    "Ferguson",   "Nichols",
    "Stephens",   "Soto",      "Weaver",     "Ryan",      "Gardner",    "Payne",      "Grant",
    "Dunn",       "Kelley",    "Spencer",    "Hawkins",   "Arnold",     "Pierce",     "Vazquez",
    "Hansen",     "Peters",    "Santos",     "Hart",      "Bradley",    "Knight",     "Elliott",
    "Cunningham", "Duncan",    "Armstrong",  "Hudson",    "Carroll",    "Lane",       "Riley",
    "Andrews",    "Ray",       "Berry",      "Perkins",   "Hoffman",    "Johnston",   "Matthews",
    "Pena",       "Richards",  "Contreras",  "Willis",    "Carpenter",  "Lawrence",   "Sandoval",
    "Wang",       "Li",        "Zhang",      "Liu",       "Huang",      "Wu",         "Zhou",
    "Park",       "Choi",      "Jung",       "Kang",      "Cho",        "Yoon",       "Tanaka",
    "Suzuki",     "Sato",      "Nakamura",   "Yamamoto",  "Shah",       "Singh",      "Kumar",
    "Sharma",     "Gupta",     "Rao",        "Iyer",      "Reddy",      "Desai",      "Mehta",
    "Khan",       "Ali",       "Ahmed",      "Hussain",   "Rahman",     "Haddad",     "Nasser",
    "Saleh",      "Khoury",    "Mansour",    "Cohen",     "Levy",       "Friedman",   "Goldberg",
    "Katz",       "Weiss",     "Shapiro",    "Rosen",     "Kaplan",     "Schwartz",   "Ivanov",
    "Petrov",     "Volkov",    "Novak",      "Kowalski",  "Nowak",      "Wisniewski", "Rossi",
    "Russo",      "Ferrari",   "Esposito",   "Romano",    "Bianchi",    "Dubois",     "Laurent",
    "Moreau",     "Lefebvre",  "Okafor",     "Adeyemi",   "Mensah",     "Owusu",      "Abebe",
    "Tesfaye",    "Mohamud",   "Pham",       "Le",        "Hoang",      "Vu",         "Dang",
    "Bui",        "Do",        "Santiago",   "Navarro",   "Delgado",    "Vega",       "Rios",
    "Figueroa",   "Pacheco",   "Cabrera",    "Molina",    "O'Brien",    "O'Connor",   "Gallagher",
    "Byrne",      "Quinn",     "Larsen",     "Johansson", "Lindqvist",  "Fischer",    "Weber",
    "Becker",     "Schneider", "Yazzie",     "Begay",     "Tsosie",     "Kealoha",    "Kahale"};

template <size_t N>
const char* PickFrom(Prng& prng, const char* const (&names)[N]) {
  return names[prng.Below(N)];
}

std::string GivenName(Prng& prng, const std::string& gender) {
  // A few names cross the usual gender lines, as they do in life.
  if (gender == "non-binary" || prng.Chance(0.04)) return PickFrom(prng, kNeutralNames);
  if (gender == "female") return PickFrom(prng, kFemaleNames);
  if (gender == "male") return PickFrom(prng, kMaleNames);
  return prng.Chance(0.5) ? PickFrom(prng, kFemaleNames) : PickFrom(prng, kMaleNames);
}

}  // namespace

std::string InventName(Prng& prng, const std::string& gender) {
  std::string name = GivenName(prng, gender);
  if (prng.Chance(0.12)) {
    name += ' ';
    name += static_cast<char>('A' + prng.Below(26));
    name += '.';
  }
  name += ' ';
  name += PickFrom(prng, kSurnames);
  // Hyphenated family names are common enough to matter for name search.
  if (prng.Chance(0.05)) {
    name += '-';
    name += PickFrom(prng, kSurnames);
  }
  return name;
}

}  // namespace rapport::generator
