"""Recognition of the colleagues who train (issue 15).

Per colleague (a Medewerker) and school year: what they contributed to training, computed
from what the portal already records (registries.recognition_sources: each app counts its
part for a set of users in a fixed number of queries). The colleague's own page (printable
for their yearly review), the schoolopleider's team of their school and the coordinator's
overview of the partnership, where the share of each colleague in the school's mentoring
shows whether one person carries most of it. A schoolopleider or instituutsopleider also
records their own professional development (Professionalisering).
"""
