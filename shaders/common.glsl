// Shared between pbr.vert and pbr.frag; layouts mirror engine/src/gpu_layouts.h (std140/std430).

layout(set = 0, binding = 0, std140) uniform FrameUniforms {
  mat4 viewProj[2];    // one per view (multiview: indexed by gl_ViewIndex)
  vec4 cameraPos[2];
  vec4 lightPos[4];    // xyz: position (point) or direction the light travels (w = 0)
  vec4 lightColor[4];  // rgb * intensity, a: range (0 = unlimited)
  vec4 skyColor;       // hemispherical ambient
  vec4 groundColor;
  vec4 params;         // x: light count, y: exposure
} frame;

struct InstanceRecord {
  mat4 model;
  mat4 normal;  // inverse-transpose of the model matrix (upper 3x3), computed once on the CPU
  uvec4 info;   // x: material index into materials[]
};

// One record per drawn instance; an indirect command's firstInstance points at its run.
layout(set = 0, binding = 1, std430) readonly buffer InstanceData {
  InstanceRecord records[];
} instances;

struct Material {
  vec4 baseColorFactor;
  vec4 emissiveFactor;
  vec4 factors;      // metallic, roughness, normal scale, occlusion strength
  vec4 flags;        // alpha cutoff, alpha mode (0 opaque 1 mask 2 blend), has normal map, unlit
  ivec4 texCoordA;   // UV set of base colour, metallic-roughness, normal, occlusion
  ivec4 texCoordB;   // UV set of emissive
  vec4 uvTransform[10];  // KHR_texture_transform: two rows of a 2x3 affine per texture
};

// Every material of every model: draws of different materials merge into one indirect call.
layout(set = 0, binding = 2, std430) readonly buffer MaterialData {
  Material materials[];
} materialTable;

// Which view this invocation renders: gl_ViewIndex under multiview, plus the push constant when
// the renderer draws the views in a loop (viewMask 0, gl_ViewIndex = 0).
layout(push_constant) uniform PushConstants {
  int viewOffset;
} push;

int viewIndex() { return gl_ViewIndex + push.viewOffset; }
