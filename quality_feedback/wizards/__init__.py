from . import quality_assign_departments
