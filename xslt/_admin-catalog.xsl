<?xml version="1.0" encoding="UTF-8"?>
<!-- What the console's catalog pages share: names in the page's language,
     form inputs whose values come back with their errors after a failed
     post (/page/form[@failed]), the listed / delisted pill, and the
     product form (new product, and the product page's edit form). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:m="urn:mp:i18n"
    exclude-result-prefixes="m">
  <xsl:import href="_admin.xsl"/>

  <!-- The name of a row (name-zh, name-en) in the page's language, the
       other language after it in grey when asked. -->
  <xsl:template name="cat-name">
    <xsl:param name="of" select="."/>
    <xsl:param name="both" select="false()"/>
    <xsl:choose>
      <xsl:when test="/page/@lang = 'en'">
        <xsl:value-of select="$of/name-en"/>
        <xsl:if test="$both"><xsl:text> </xsl:text><span class="muted" lang="zh-CN"><xsl:value-of select="$of/name-zh"/></span></xsl:if>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="$of/name-zh"/>
        <xsl:if test="$both"><xsl:text> </xsl:text><span class="muted" lang="en"><xsl:value-of select="$of/name-en"/></span></xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="cat-listed">
    <xsl:param name="listed"/>
    <xsl:choose>
      <xsl:when test="$listed = '1'"><span class="status status-active"><xsl:value-of select="m:t('admin.catalog.listed.yes')"/></span></xsl:when>
      <xsl:otherwise><span class="status status-cancelled"><xsl:value-of select="m:t('admin.catalog.listed.no')"/></span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The errors of one field of the form that failed ($form: that form,
       or nothing when this is another form on the page). -->
  <xsl:template name="cat-error">
    <xsl:param name="form"/>
    <xsl:param name="field"/>
    <xsl:param name="id"/>
    <xsl:if test="$form">
      <xsl:for-each select="/page/form-error[@field = $field]">
        <span class="field-error" id="{$id}-error" role="alert">
          <xsl:variable name="text" select="m:t(@key, @max)"/>
          <xsl:choose>
            <xsl:when test="$text != @key"><xsl:value-of select="$text"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="m:t('form.error')"/></xsl:otherwise>
          </xsl:choose>
        </span>
      </xsl:for-each>
    </xsl:if>
  </xsl:template>

  <!-- label.field > span + input or textarea (+ its error, or its hint).
       The value comes from $form (the values the page was built with, or
       what a failed post sent) when there is one, else from $value; the
       errors show only when $form is the form that failed. -->
  <xsl:template name="cat-input">
    <xsl:param name="form"/>
    <xsl:param name="name"/>
    <xsl:param name="label"/>
    <xsl:param name="value"/>
    <xsl:param name="max"/>
    <xsl:param name="required" select="false()"/>
    <xsl:param name="hint"/>
    <xsl:param name="rows" select="0"/>
    <xsl:param name="type" select="'text'"/>
    <xsl:param name="prefix"/>
    <xsl:param name="list"/>
    <xsl:variable name="id" select="concat($prefix, $name)"/>
    <xsl:variable name="err" select="$form/@failed and /page/form-error[@field = $name]"/>
    <xsl:variable name="v">
      <xsl:choose>
        <xsl:when test="$form"><xsl:value-of select="$form/field[@name = $name]"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$value"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <label class="field">
      <span><xsl:value-of select="$label"/></span>
      <xsl:choose>
        <xsl:when test="$rows &gt; 0">
          <textarea name="{$name}" id="{$id}" rows="{$rows}" maxlength="{$max}">
            <xsl:if test="$required"><xsl:attribute name="required">required</xsl:attribute></xsl:if>
            <xsl:if test="$err">
              <xsl:attribute name="aria-invalid">true</xsl:attribute>
              <xsl:attribute name="aria-describedby"><xsl:value-of select="$id"/>-error</xsl:attribute>
            </xsl:if>
            <xsl:value-of select="$v"/>
          </textarea>
        </xsl:when>
        <xsl:otherwise>
          <input type="{$type}" name="{$name}" id="{$id}" maxlength="{$max}" value="{$v}">
            <xsl:if test="string($list)"><xsl:attribute name="list"><xsl:value-of select="$list"/></xsl:attribute></xsl:if>
            <xsl:if test="$required"><xsl:attribute name="required">required</xsl:attribute></xsl:if>
            <xsl:if test="$err">
              <xsl:attribute name="aria-invalid">true</xsl:attribute>
              <xsl:attribute name="aria-describedby"><xsl:value-of select="$id"/>-error</xsl:attribute>
            </xsl:if>
          </input>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:call-template name="cat-error">
        <xsl:with-param name="form" select="$form[@failed]"/>
        <xsl:with-param name="field" select="$name"/>
        <xsl:with-param name="id" select="$id"/>
      </xsl:call-template>
      <xsl:if test="string($hint) and not($err)">
        <span class="field-hint"><xsl:value-of select="$hint"/></span>
      </xsl:if>
    </label>
  </xsl:template>

  <!-- The category choice: the categories in their order. -->
  <xsl:template name="cat-category-select">
    <xsl:param name="name" select="'category'"/>
    <xsl:param name="selected"/>
    <xsl:param name="any"/>
    <select name="{$name}" id="{$name}">
      <option value="">
        <xsl:choose>
          <xsl:when test="string($any)"><xsl:value-of select="$any"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="m:t('admin.catalog.choose')"/></xsl:otherwise>
        </xsl:choose>
      </option>
      <xsl:for-each select="/page/categories/category">
        <option value="{@id}">
          <xsl:if test="string(@id) = string($selected)"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
          <xsl:call-template name="cat-name"/>
          <xsl:text> (</xsl:text><xsl:value-of select="@slug"/><xsl:text>)</xsl:text>
        </option>
      </xsl:for-each>
    </select>
  </xsl:template>

  <!-- The product's fields (without its vendor), from $form: the values
       the page was built with, or what a failed post sent. -->
  <xsl:template name="cat-product-fields">
    <xsl:param name="form"/>
    <xsl:variable name="failed" select="$form[@failed]"/>
    <label class="field">
      <span><xsl:value-of select="m:t('admin.catalog.category')"/></span>
      <xsl:call-template name="cat-category-select">
        <xsl:with-param name="selected" select="$form/field[@name = 'category']"/>
      </xsl:call-template>
      <xsl:call-template name="cat-error">
        <xsl:with-param name="form" select="$failed"/>
        <xsl:with-param name="field" select="'category'"/>
        <xsl:with-param name="id" select="'category'"/>
      </xsl:call-template>
    </label>
    <xsl:call-template name="cat-input">
      <xsl:with-param name="form" select="$form"/>
      <xsl:with-param name="name" select="'name_zh'"/>
      <xsl:with-param name="label" select="m:t('admin.catalog.name_zh')"/>
      <xsl:with-param name="max" select="200"/>
      <xsl:with-param name="required" select="true()"/>
    </xsl:call-template>
    <xsl:call-template name="cat-input">
      <xsl:with-param name="form" select="$form"/>
      <xsl:with-param name="name" select="'name_en'"/>
      <xsl:with-param name="label" select="m:t('admin.catalog.name_en')"/>
      <xsl:with-param name="max" select="200"/>
      <xsl:with-param name="required" select="true()"/>
    </xsl:call-template>
    <xsl:call-template name="cat-input">
      <xsl:with-param name="form" select="$form"/>
      <xsl:with-param name="name" select="'summary_zh'"/>
      <xsl:with-param name="label" select="m:t('admin.catalog.summary_zh')"/>
      <xsl:with-param name="max" select="500"/>
      <xsl:with-param name="rows" select="2"/>
    </xsl:call-template>
    <xsl:call-template name="cat-input">
      <xsl:with-param name="form" select="$form"/>
      <xsl:with-param name="name" select="'summary_en'"/>
      <xsl:with-param name="label" select="m:t('admin.catalog.summary_en')"/>
      <xsl:with-param name="max" select="500"/>
      <xsl:with-param name="rows" select="2"/>
    </xsl:call-template>
    <xsl:call-template name="cat-input">
      <xsl:with-param name="form" select="$form"/>
      <xsl:with-param name="name" select="'description_zh'"/>
      <xsl:with-param name="label" select="m:t('admin.catalog.description_zh')"/>
      <xsl:with-param name="max" select="5000"/>
      <xsl:with-param name="rows" select="6"/>
      <xsl:with-param name="hint" select="m:t('admin.catalog.description_hint')"/>
    </xsl:call-template>
    <xsl:call-template name="cat-input">
      <xsl:with-param name="form" select="$form"/>
      <xsl:with-param name="name" select="'description_en'"/>
      <xsl:with-param name="label" select="m:t('admin.catalog.description_en')"/>
      <xsl:with-param name="max" select="5000"/>
      <xsl:with-param name="rows" select="6"/>
    </xsl:call-template>
    <label class="field">
      <span><xsl:value-of select="m:t('admin.catalog.mode')"/></span>
      <select name="delivery_mode" id="delivery_mode">
        <option value="auto"><xsl:value-of select="m:t('delivery.auto')"/></option>
        <option value="manual">
          <xsl:if test="$form/field[@name = 'delivery_mode'] = 'manual'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
          <xsl:value-of select="m:t('delivery.manual')"/>
        </option>
      </select>
      <xsl:call-template name="cat-error">
        <xsl:with-param name="form" select="$failed"/>
        <xsl:with-param name="field" select="'delivery_mode'"/>
        <xsl:with-param name="id" select="'delivery_mode'"/>
      </xsl:call-template>
      <span class="field-hint"><xsl:value-of select="m:t('admin.catalog.mode_hint')"/></span>
    </label>
    <label class="choice">
      <input type="checkbox" name="free_login" value="on">
        <xsl:if test="$form/field[@name = 'free_login'] = 'on'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
      </input>
      <xsl:text> </xsl:text>
      <xsl:value-of select="m:t('admin.catalog.free_login')"/>
    </label>
    <xsl:call-template name="cat-input">
      <xsl:with-param name="form" select="$form"/>
      <xsl:with-param name="name" select="'support_email'"/>
      <xsl:with-param name="label" select="m:t('admin.catalog.support_email')"/>
      <xsl:with-param name="max" select="254"/>
      <xsl:with-param name="type" select="'email'"/>
      <xsl:with-param name="hint" select="m:t('admin.catalog.support_hint')"/>
    </xsl:call-template>
    <xsl:call-template name="cat-input">
      <xsl:with-param name="form" select="$form"/>
      <xsl:with-param name="name" select="'support_phone'"/>
      <xsl:with-param name="label" select="m:t('admin.catalog.support_phone')"/>
      <xsl:with-param name="max" select="40"/>
      <xsl:with-param name="type" select="'tel'"/>
    </xsl:call-template>
  </xsl:template>
</xsl:stylesheet>
