import type {
  certificateSchema,
  courseSchema,
  createProgrammeRequestSchema,
  institutionSchema,
  newCourseSchema,
  programmeSchema,
  programmeWithCoursesSchema,
} from '@onex/contracts';
import type { z } from 'zod';
import { enc, request } from '../../api/client.ts';

export type Institution = z.infer<typeof institutionSchema>;
export type Programme = z.infer<typeof programmeSchema>;
export type ProgrammeWithCourses = z.infer<typeof programmeWithCoursesSchema>;
export type Course = z.infer<typeof courseSchema>;
export type CourseType = Course['type'];
export type NewCourse = z.infer<typeof newCourseSchema>;
export type NewProgramme = z.infer<typeof createProgrammeRequestSchema>;
export type Certificate = z.infer<typeof certificateSchema>;

/** A major of the 2021 catalogue as `GET /api/v1/reference/majors` lists it (no response schema there). */
export interface Major {
  code: string;
  nameZh: string;
  nameEn: string;
  level: string;
}

export const courseTypes: readonly CourseType[] = [
  'PUBLIC_FOUNDATION',
  'PROFESSIONAL_FOUNDATION',
  'PROFESSIONAL_CORE',
  'ELECTIVE',
  'PRACTICUM',
];

export const programmesApi = {
  institutions: () => request<{ items: Institution[] }>('GET', '/api/v1/institutions'),
  institution: (id: string) => request<Institution>('GET', `/api/v1/institutions/${enc(id)}`),
  programmes: (institutionId: string) =>
    request<{ items: Programme[] }>('GET', `/api/v1/institutions/${enc(institutionId)}/programmes`),
  createProgramme: (institutionId: string, body: NewProgramme) =>
    request<Programme>('POST', `/api/v1/institutions/${enc(institutionId)}/programmes`, body),
  programme: (id: string) => request<ProgrammeWithCourses>('GET', `/api/v1/programmes/${enc(id)}`),
  addCourses: (id: string, courses: NewCourse[]) =>
    request<ProgrammeWithCourses>('POST', `/api/v1/programmes/${enc(id)}/courses`, { courses }),
  majors: () => request<{ majors: Major[] }>('GET', '/api/v1/reference/majors'),
  certificates: () => request<{ items: Certificate[] }>('GET', '/api/v1/certificates'),
};
